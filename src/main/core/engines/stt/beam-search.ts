// Beam search over a step function that turns "beam b continues with token t" into next-token
// log-probabilities, as Whisper's BeamSearchDecoder does it: each live beam proposes its top
// beamSize + 1 tokens, the best beamSize candidates that do not end the text stay live, candidates
// ending with <|endoftext|> that rank above them are finished, and the search stops once beamSize
// hypotheses have finished (or the token cap is reached). The winner has the best log-probability
// per token. Beam size 1 is greedy decoding.
import { throwIfAborted } from './abort';

export interface Hypothesis {
  /** Sampled tokens, without the prompt and without <|endoftext|>. */
  tokens: number[];
  /** Sum of the log-probabilities of the sampled tokens, <|endoftext|> included. */
  logProb: number;
}

/** The next step: for live beam b, continue from row sources[b] of the previous step with tokens[b]. */
export type NextStep = (tokens: number[], sources: number[]) => Promise<Float32Array[]>;

export interface BeamSearchOptions {
  beamSize: number;
  eot: number;
  /** Most tokens a hypothesis may sample (without <|endoftext|>). */
  maxTokens: number;
  /** Log-probabilities for the prompt's single row (the first sampled token). */
  first: Float32Array;
  next: NextStep;
  signal?: AbortSignal;
}

export interface Candidate {
  token: number;
  logProb: number;
  source: number;
}

/** The k largest entries of a row, best first, in one pass and without sorting the row. */
export function topK(row: Float32Array, k: number): { ids: number[]; values: number[] } {
  const ids: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    if (v === -Infinity || Number.isNaN(v)) continue;
    if (values.length === k && v <= values[k - 1]!) continue;
    let at = values.length < k ? values.length : k - 1;
    while (at > 0 && values[at - 1]! < v) at--;
    values.splice(at, 0, v);
    ids.splice(at, 0, i);
    if (values.length > k) {
      values.pop();
      ids.pop();
    }
  }
  return { ids, values };
}

/** Whisper's ranking: mean log-probability per sampled token. */
export function lengthNormalizedScore(h: Hypothesis): number {
  return h.logProb / Math.max(1, h.tokens.length);
}

export interface BeamStep {
  live: Hypothesis[];
  /** For each live beam, the row of the previous step it continues. */
  sources: number[];
  finished: Hypothesis[];
}

/** One round of expansion and selection. Pure: exported for tests. */
export function expandBeams(beams: Hypothesis[], rows: Float32Array[], beamSize: number, eot: number): BeamStep {
  const candidates: (Candidate & { prefix: Hypothesis })[] = [];
  beams.forEach((beam, source) => {
    const { ids, values } = topK(rows[source]!, beamSize + 1);
    ids.forEach((token, i) => candidates.push({ token, logProb: beam.logProb + values[i]!, source, prefix: beam }));
  });
  candidates.sort((a, b) => b.logProb - a.logProb);
  const live: Hypothesis[] = [];
  const sources: number[] = [];
  const finished: Hypothesis[] = [];
  for (const c of candidates) {
    if (c.token === eot) {
      finished.push({ tokens: c.prefix.tokens, logProb: c.logProb });
      continue;
    }
    live.push({ tokens: [...c.prefix.tokens, c.token], logProb: c.logProb });
    sources.push(c.source);
    if (live.length === beamSize) break;
  }
  return { live, sources, finished };
}

export async function beamSearch(options: BeamSearchOptions): Promise<Hypothesis> {
  const beamSize = Math.max(1, Math.floor(options.beamSize));
  const maxTokens = Math.max(0, Math.floor(options.maxTokens));
  let beams: Hypothesis[] = [{ tokens: [], logProb: 0 }];
  let rows = [options.first];
  const finished: Hypothesis[] = [];
  while (maxTokens > 0) {
    throwIfAborted(options.signal);
    const step = expandBeams(beams, rows, beamSize, options.eot);
    for (const h of step.finished) if (finished.length < beamSize) finished.push(h);
    if (finished.length >= beamSize || step.live.length === 0) break;
    beams = step.live;
    if (beams[0]!.tokens.length >= maxTokens) break;
    rows = await options.next(
      beams.map((b) => b.tokens[b.tokens.length - 1]!),
      step.sources,
    );
  }
  // Too few finished: the best unfinished beams (cut off by the cap) compete too.
  if (finished.length < beamSize && maxTokens > 0) {
    const open = beams.filter((b) => b.tokens.length > 0).sort((a, b) => b.logProb - a.logProb);
    finished.push(...open.slice(0, beamSize - finished.length));
  }
  if (finished.length === 0) return { tokens: [], logProb: 0 };
  return finished.reduce((best, h) => (lengthNormalizedScore(h) > lengthNormalizedScore(best) ? h : best));
}
