// Splits a message into plain text and `commands`, so a banner can show the command to type in a
// code style ("start it with `ollama serve`"). Pure.

export interface MessagePart {
  text: string;
  code: boolean;
}

export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  message.split('`').forEach((text, i) => {
    if (text !== '') parts.push({ text, code: i % 2 === 1 });
  });
  return parts;
}
