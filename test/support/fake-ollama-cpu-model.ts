// The fake Ollama's CPU timing model (opt-in): how long llama.cpp under Ollama takes on a laptop CPU,
// and what its one slot remembers. Prefill is charged per prompt token the slot has to evaluate, decode
// per generated token. The slot keeps the tokens of its last request (prompt and reply), so the next
// request only evaluates the tokens after the longest prefix it shares with them — and any request
// on the same model in between (fact extraction, a summary) replaces that memory. As llama.cpp does,
// at least one token is always evaluated, even for a prompt identical to the cache, and a request
// whose client goes away mid-prefill stops at the end of the batch under way.
// The tokenizer is an approximation of a llama BPE (about 1.3 tokens per English word, one token per
// chat-template marker): exact counts do not matter here, only that an unchanged prefix is free.

export interface CpuModel {
  /** Milliseconds per prompt token the slot evaluates (llama.cpp's pp figure, inverted). */
  prefillMsPerToken: number;
  /** Milliseconds per generated token (llama.cpp's tg figure, inverted). */
  decodeMsPerToken: number;
}

/**
 * Prompt tokens llama.cpp evaluates in one batch (Ollama's default num_batch). A request cancelled
 * mid-prefill (its client went away) stops only when the batch under way is done, and the slot keeps
 * the batches it finished.
 */
export const PREFILL_BATCH_TOKENS = 512;

/**
 * A prefill cancelled `elapsedMs` into evaluating `evaluated` new tokens: how many of them the slot
 * keeps (whole batches done by then, counting the one under way, which finishes), and how much
 * longer the slot stays busy finishing that batch. Null when the prefill had already ended.
 */
export function cancelledPrefill(evaluated: number, elapsedMs: number, msPerToken: number): { kept: number; busyMs: number } | null {
  if (msPerToken <= 0 || elapsedMs >= evaluated * msPerToken) return null;
  elapsedMs = Math.max(0, elapsedMs);
  const batchMs = PREFILL_BATCH_TOKENS * msPerToken;
  const batchesDone = Math.floor(elapsedMs / batchMs) + 1;
  const kept = Math.min(evaluated, batchesDone * PREFILL_BATCH_TOKENS);
  return { kept, busyMs: kept * msPerToken - elapsedMs };
}

/**
 * llama3.2:3b Q4_K_M on a mid-range laptop CPU (4–8 cores), as BENCHMARKS.md explains: prefill
 * ≈ 133 tokens/s, decode ≈ 16.7 tokens/s.
 */
export const LAPTOP_CPU_MODEL: CpuModel = { prefillMsPerToken: 7.5, decodeMsPerToken: 60 };

const TEMPLATE_MARKERS = /<\|[a-z_]+\|>/g;

/** Approximate llama tokens of plain text: words and punctuation, long words in ~5-letter pieces. */
export function approximateTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.match(/ ?\p{L}+| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+|\s+/gu) ?? []) {
    if (piece.length <= 7) tokens.push(piece);
    else for (let at = 0; at < piece.length; at += 5) tokens.push(piece.slice(at, at + 5));
  }
  return tokens;
}

/** A chat request as the model sees it: llama 3's template, then the header of the reply to come. */
export function chatPromptTokens(messages: readonly { role: string; content: string }[]): string[] {
  const text =
    '<|begin_of_text|>' +
    messages.map((m) => `<|start_header_id|>${m.role}<|end_header_id|>\n\n${m.content}<|eot_id|>`).join('') +
    '<|start_header_id|>assistant<|end_header_id|>\n\n';
  return templateTokens(text);
}

/** Plain-prompt (/api/generate) requests, tokenized the same way. */
export function generatePromptTokens(prompt: string): string[] {
  return templateTokens(`<|begin_of_text|>${prompt}`);
}

function templateTokens(text: string): string[] {
  const tokens: string[] = [];
  let at = 0;
  for (const marker of text.matchAll(TEMPLATE_MARKERS)) {
    tokens.push(...approximateTokens(text.slice(at, marker.index)), marker[0]);
    at = marker.index + marker[0].length;
  }
  tokens.push(...approximateTokens(text.slice(at)));
  return tokens;
}

/** Length of the common prefix of two token lists. */
export function sharedPrefix(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Tokens the slot must evaluate for `prompt` when it holds `cached`: never fewer than one. */
export function tokensToEvaluate(cached: readonly string[], prompt: readonly string[]): number {
  if (prompt.length === 0) return 0;
  return Math.max(1, prompt.length - sharedPrefix(cached, prompt));
}

/**
 * One model's slot: requests run one at a time in arrival order (later ones wait), and it remembers
 * the tokens of the last one.
 */
export class KvSlot {
  private held: string[] = [];
  private tail: Promise<void> = Promise.resolve();

  /** The tokens in the cache now. */
  get cached(): readonly string[] {
    return this.held;
  }

  /** Resolves when the slot is free, with the function that frees it again. */
  acquire(): Promise<() => void> {
    let release!: () => void;
    const freed = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => freed);
    return turn;
  }

  /** Starts a request: returns how many prompt tokens it evaluates, and holds the prompt. */
  startPrompt(prompt: readonly string[]): number {
    const evaluated = tokensToEvaluate(this.held, prompt);
    this.held = [...prompt];
    return evaluated;
  }

  /** Cuts the cache back to its first `tokens` tokens (a prefill cancelled part-way). */
  keepFirst(tokens: number): void {
    this.held = this.held.slice(0, Math.max(0, tokens));
  }

  /** A generated token stays in the cache, as llama.cpp keeps it. */
  generated(tokens: readonly string[]): void {
    this.held.push(...tokens);
  }
}
