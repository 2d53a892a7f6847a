// A message with its `commands` shown as code ("start it with `ollama serve`").
import { messageParts } from './message-parts';

export function MessageText({ text }: { text: string }) {
  return (
    <>
      {messageParts(text).map((part, i) => (part.code ? <code key={i}>{part.text}</code> : <span key={i}>{part.text}</span>))}
    </>
  );
}
