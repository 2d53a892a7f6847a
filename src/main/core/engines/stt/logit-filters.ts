// What may be sampled at each decoding step, and the arithmetic on logits. Decoding runs without
// timestamps, so every control token except <|endoftext|> is masked (sot, languages, tasks,
// notimestamps, nospeech, timestamps), plus generation_config's suppress_tokens; on the first
// sampled step begin_suppress_tokens are masked too (no leading lone space, no empty transcript).
import type { Language } from '../../../../shared/turn';
import type { WhisperSpecialTokens } from './special-tokens';

export interface LogitMasks {
  /** 1 where a token may never be sampled. */
  always: Uint8Array;
  /** 1 where a token may not be the first sampled token (in addition to `always`). */
  atBegin: Uint8Array;
}

export function buildLogitMasks(tokens: WhisperSpecialTokens, vocabSize: number): LogitMasks {
  const always = new Uint8Array(vocabSize);
  const mark = (mask: Uint8Array, id: number) => {
    if (id >= 0 && id < vocabSize) mask[id] = 1;
  };
  for (const id of tokens.suppress) mark(always, id);
  for (const id of tokens.specials) mark(always, id);
  for (const id of [tokens.sot, tokens.noTimestamps, tokens.transcribe ?? -1, ...tokens.languages.values()]) mark(always, id);
  always.fill(1, Math.min(vocabSize, tokens.timestampBegin));
  always[tokens.eot] = 0;
  const atBegin = new Uint8Array(vocabSize);
  for (const id of tokens.beginSuppress) mark(atBegin, id);
  return { always, atBegin };
}

/** Masks the logits of one row in place: −∞ where the mask is set. */
export function applyMask(logits: Float32Array, mask: Uint8Array): void {
  const n = Math.min(logits.length, mask.length);
  for (let i = 0; i < n; i++) if (mask[i] === 1) logits[i] = -Infinity;
}

/** Replaces logits by log-probabilities in place (−∞ stays −∞). */
export function logSoftmaxInPlace(row: Float32Array): void {
  let max = -Infinity;
  for (let i = 0; i < row.length; i++) if (row[i]! > max) max = row[i]!;
  if (max === -Infinity) return;
  let sum = 0;
  for (let i = 0; i < row.length; i++) sum += Math.exp(row[i]! - max);
  const shift = max + Math.log(sum);
  for (let i = 0; i < row.length; i++) row[i] = row[i]! - shift;
}

/** The language whose token scores highest, among the languages Earshot supports. */
export function pickLanguage(logits: Float32Array, candidates: ReadonlyMap<Language, number>): Language {
  let best: Language | null = null;
  let bestScore = -Infinity;
  for (const [language, id] of candidates) {
    const score = logits[id] ?? -Infinity;
    if (best === null || score > bestScore) {
      best = language;
      bestScore = score;
    }
  }
  if (best === null) throw new Error('no candidate languages');
  return best;
}
