// The conversation the compute-real benchmark holds, built so that every case where Ollama's one
// KV slot loses the prompt prefix happens in it: yesterday's conversation is on disk when it starts
// (the first turn after launch meets a cold slot), two turns tell Earshot about the user and a quiet
// spell follows (fact extraction then runs on the chat model and evicts the prefix), and the history
// grows until the prompt fitter cuts it back (the low-water drop). Pure.
import { extractionPrompt } from '../src/main/core/memory/fact-extractor';
import { EXCHANGES, type Exchange, questionIn, replyFor } from './conversation-set';

/** The fact extractor's instructions: how a request to the fake model is known to be an extraction. */
export const EXTRACTION_INSTRUCTIONS = extractionPrompt([])[0]!.content;

/** What a turn is planned as; the benchmark adds what it observes (after an extraction, after a cut-back). */
export type TurnCase = 'after-launch' | 'about-user' | 'plain';

export interface PlannedTurn extends Exchange {
  case: TurnCase;
  /** Wait for a quiet spell (and the fact extraction it starts) after this round. */
  quietAfter: boolean;
  /** The response cache keeps answers about the user out. */
  cacheable: boolean;
}

const ABOUT_USER: readonly Exchange[] = [
  {
    question: "I'm vegetarian, so what could I eat for protein at breakfast?",
    reply: 'Eggs, Greek yoghurt and cottage cheese are easy protein at breakfast. Peanut butter on wholegrain toast adds some more. A handful of nuts or seeds on porridge helps too.',
  },
  {
    question: 'My daughter Ana turns seven next week, what is a good present for her?',
    reply: 'At seven many children love building sets, craft kits and simple board games. A first chapter book series can start a reading habit. Something you can do together, like a kite, is often the best gift.',
  },
];

/** What the fake Ollama's chat model extracts from the turns about the user. */
export const EXTRACTED_FACTS = '- The user is vegetarian.\n- The user has a daughter, Ana, who turns seven next week.';

/** Measured questions come from the set's first twelve, so they never repeat the seeded history. */
const SEEDED_HISTORY_START = 12;

/** Turns from an earlier session, already in the history when the benchmark starts. */
export const SEEDED_HISTORY: readonly Exchange[] = EXCHANGES.slice(SEEDED_HISTORY_START);

/**
 * Measured turn i: the first after launch, then the two about the user (a quiet spell after the
 * second, so the turn after it meets a slot the extraction used), then the rest of the question
 * set. The cut-back happens wherever the history outgrows the prompt; the benchmark finds that
 * turn, and the extractions, from the requests the fake Ollama saw.
 */
export function plannedTurn(i: number): PlannedTurn {
  if (i === 0) return { ...(EXCHANGES[0] as Exchange), case: 'after-launch', quietAfter: false, cacheable: true };
  if (i <= ABOUT_USER.length) return { ...(ABOUT_USER[i - 1] as Exchange), case: 'about-user', quietAfter: i === ABOUT_USER.length, cacheable: false };
  const exchange = EXCHANGES[(i - ABOUT_USER.length) % SEEDED_HISTORY_START] as Exchange;
  return { ...exchange, case: 'plain', quietAfter: false, cacheable: true };
}


/** The fake chat model's answer: a question's reply, the facts for an extraction prompt, else "- none". */
export function computeReplyFor(messages: readonly { role: string; content: string }[]): string {
  const last = messages.at(-1)?.content ?? '';
  const known = replyFor(last) ?? ABOUT_USER.find((e) => e.question === questionIn(last))?.reply;
  if (known) return known;
  const extraction = messages[0]?.role === 'system' && messages[0].content === EXTRACTION_INSTRUCTIONS;
  return extraction && ABOUT_USER.some((e) => last.includes(e.question)) ? EXTRACTED_FACTS : '- none';
}

/** Index of the first history message in a chat prompt's messages (after the system prompt), or its text. */
export function firstHistoryMessage(messages: readonly { role: string; content: string }[]): string | null {
  return messages.length > 2 ? (messages[1]?.content ?? null) : null;
}
