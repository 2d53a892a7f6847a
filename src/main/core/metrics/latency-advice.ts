// What to change when turns are slow: recommendations from recorded turn marks and the
// settings in force, for `npm run analyze`. Each rule looks at one stage against a budget that keeps
// voice-to-voice near a second on a laptop. Pure.
import type { Settings } from '../../../shared/settings';
import type { MarkName, TurnMarks } from '../../../shared/turn';
import { percentile, stageDuration } from '../../../shared/latency-stages';

export interface AdvisedTurn {
  /** Wall-clock ms when the turn was recorded (after it finished). */
  at: number;
  marks: TurnMarks;
  kind: 'voice' | 'text';
  /** Prompt tokens Ollama prefilled for the turn (prompt_eval_count), when recorded. */
  prefillTokens?: number | null;
}

export interface Advice {
  /** Stable id of the rule, e.g. "stt-slow". */
  id: string;
  /** The stage it is about (latency-stages names, or "turns"). */
  stage: string;
  message: string;
}

export const ADVICE_BUDGETS = {
  /** keyUp→sttDone p95. */
  sttP95Ms: 500,
  /** llmRequest→llmFirstToken p50 on turns that did not follow a pause. */
  firstTokenP50Ms: 800,
  /** A turn this long after the previous one counts as "after a pause". */
  idleGapMs: 5 * 60_000,
  /** After a pause, first token this much slower (and at least twice as slow) means the model was unloaded. */
  coldExtraMs: 1000,
  /** llmFirstToken→firstSentence p50. */
  firstSentenceP50Ms: 1000,
  /** firstSentence→ttsFirstChunk p95. */
  ttsFirstChunkP95Ms: 600,
  /** sttDone→llmRequest p95: memory retrieval, the answer cache and the prompt. */
  beforeRequestP95Ms: 150,
  /** Fewer turns than this make rough percentiles. */
  minTurns: 10,
  /** Prompt tokens prefilled per warm turn, p50: with the prefix reused, only memories and the question are left. */
  prefillTokensP50: 120,
} as const;

const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 50);
const p95 = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 95);
const secondsText = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function durations(turns: readonly AdvisedTurn[], from: MarkName, to: MarkName): number[] {
  return turns.map((t) => stageDuration(t.marks, from, to)).filter((v): v is number => v !== null);
}

function sttAdvice(turns: readonly AdvisedTurn[], settings: Settings): Advice | null {
  const stt = durations(turns, 'keyUp', 'sttDone');
  if (stt.length === 0 || p95(stt) <= ADVICE_BUDGETS.sttP95Ms) return null;
  const clips = durations(turns, 'keyDown', 'keyUp');
  const clipText = clips.length > 0 ? ` on ${Number((median(clips) / 1000).toFixed(1))} s clips` : '';
  const tries = [
    settings.stt.beamSize > 1 ? 'beam size 1' : null,
    settings.stt.model !== 'whisper-tiny' ? 'whisper-tiny' : null,
    settings.stt.quantized ? null : 'the int8 model (quantized)',
  ].filter((t): t is string => t !== null);
  const fix = tries.length > 0 ? `try ${tries.join(' or ')} (the "fast" preset)` : 'close other busy programs; the fastest speech settings are already in use';
  return { id: 'stt-slow', stage: 'stt', message: `STT p95 ${secondsText(p95(stt))}${clipText}: ${fix}.` };
}

/** The first turn, and turns that began more than idleGapMs after the previous one ended, come after a pause. */
function splitByPause(turns: readonly AdvisedTurn[]): { afterPause: AdvisedTurn[]; warm: AdvisedTurn[] } {
  const sorted = [...turns].sort((a, b) => a.at - b.at);
  const afterPause: AdvisedTurn[] = [];
  const warm: AdvisedTurn[] = [];
  sorted.forEach((turn, i) => {
    const previous = sorted[i - 1];
    const began = turn.at - (turn.marks.turnDone ?? 0);
    (!previous || began - previous.at > ADVICE_BUDGETS.idleGapMs ? afterPause : warm).push(turn);
  });
  return { afterPause, warm };
}

function firstTokenAdvice(turns: readonly AdvisedTurn[], settings: Settings): Advice[] {
  const { afterPause, warm } = splitByPause(turns);
  const warmTokens = durations(warm, 'llmRequest', 'llmFirstToken');
  const coldTokens = durations(afterPause, 'llmRequest', 'llmFirstToken');
  const advice: Advice[] = [];
  if (warmTokens.length > 0 && median(warmTokens) > ADVICE_BUDGETS.firstTokenP50Ms) {
    advice.push({
      id: 'prompt-not-reused',
      stage: 'llmFirstToken',
      message:
        `Prompt eval ${secondsText(median(warmTokens))} (time to first token, p50): the prompt prefix is not being reused — ` +
        'keep other programs from using Ollama between turns (a different model or num_ctx makes it start over), ' +
        'and prefer a shorter system prompt.',
    });
  }
  const prefilled = warm.map((t) => t.prefillTokens).filter((v): v is number => typeof v === 'number');
  if (prefilled.length > 0 && median(prefilled) > ADVICE_BUDGETS.prefillTokensP50) {
    advice.push({
      id: 'prefill-tokens-high',
      stage: 'llmFirstToken',
      message:
        `Ollama prefilled ${Math.round(median(prefilled))} prompt tokens per turn (p50; with its cached prefix reused only about ` +
        `${ADVICE_BUDGETS.prefillTokensP50} are left): keep other programs from using ${settings.llm.model} between turns, ` +
        'run Ollama with one request at a time (OLLAMA_NUM_PARALLEL=1), and prefer a shorter system prompt.',
    });
  }
  if (coldTokens.length >= 2 && warmTokens.length > 0) {
    const cold = median(coldTokens);
    const usual = median(warmTokens);
    if (cold >= 2 * usual && cold - usual >= ADVICE_BUDGETS.coldExtraMs) {
      advice.push({
        id: 'model-unloaded',
        stage: 'llmFirstToken',
        message:
          `First token slow after idle (${secondsText(cold)} after a pause, ${secondsText(usual)} otherwise): the model is being unloaded; ` +
          `raise keep_alive (now ${settings.llm.keepAlive}) in Settings, and check OLLAMA_KEEP_ALIVE and other models loaded in Ollama.`,
      });
    }
  }
  return advice;
}

function generationAdvice(turns: readonly AdvisedTurn[], settings: Settings): Advice | null {
  const writing = durations(turns, 'llmFirstToken', 'firstSentence');
  if (writing.length === 0 || median(writing) <= ADVICE_BUDGETS.firstSentenceP50Ms) return null;
  return {
    id: 'llm-slow',
    stage: 'firstSentence',
    message: `The model takes ${secondsText(median(writing))} (p50) to write its first sentence: ${settings.llm.model} is slow on this computer — try a smaller model such as llama3.2:1b.`,
  };
}

function ttsAdvice(turns: readonly AdvisedTurn[], settings: Settings): Advice | null {
  const speech = durations(turns, 'firstSentence', 'ttsFirstChunk');
  if (speech.length === 0 || p95(speech) <= ADVICE_BUDGETS.ttsFirstChunkP95Ms) return null;
  // Turns do not record their language: name every heavy voice in use.
  const heavy = [settings.tts.voiceEn, settings.tts.voicePt].filter((v) => /-(medium|high)$/.test(v));
  const fix = heavy.length > 0 ? `choose a "low" or "x_low" voice instead of ${heavy.join(' or ')}` : 'close other busy programs; the voices in use are already the light ones';
  return { id: 'tts-slow', stage: 'ttsFirstChunk', message: `Speaking the first sentence takes ${secondsText(p95(speech))} (p95): ${fix}.` };
}

function beforeRequestAdvice(turns: readonly AdvisedTurn[], settings: Settings): Advice | null {
  const gap = durations(turns, 'sttDone', 'llmRequest');
  if (gap.length === 0 || p95(gap) <= ADVICE_BUDGETS.beforeRequestP95Ms) return null;
  const memory = settings.memory.enabled ? ', or turn memory off' : '';
  return {
    id: 'slow-before-request',
    stage: 'sttDone→llmRequest',
    message:
      `${secondsText(p95(gap))} (p95) pass between the transcript and the request to the model (memory retrieval and the answer cache): ` +
      `check that the embedding model answers quickly (\`ollama pull nomic-embed-text\`, \`ollama ps\`)${memory}.`,
  };
}

function coverageAdvice(turns: readonly AdvisedTurn[]): Advice[] {
  const advice: Advice[] = [];
  if (turns.length < ADVICE_BUDGETS.minTurns) {
    advice.push({ id: 'few-turns', stage: 'turns', message: `Only ${turns.length} turn${turns.length === 1 ? '' : 's'} recorded: the percentiles are rough — talk a little more and run analyze again.` });
  }
  const voice = turns.filter((t) => t.kind === 'voice');
  if (voice.length > 0 && voice.every((t) => t.marks.firstAudioPlayed === undefined)) {
    advice.push({
      id: 'no-playback',
      stage: 'voiceToVoice',
      message: 'Voice-to-voice is not measured: no spoken turn reported its audio starting to play (turns from the CLI do not); keyUpToFirstAudio stands in for it.',
    });
  }
  return advice;
}

/** Fewer turns than this get no advice on stages (one slow turn is not a pattern). */
export const MIN_TURNS_FOR_ADVICE = 5;

/** Recommendations, most important first; an empty list means every stage is within its budget. */
export function adviseOnLatency(turns: readonly AdvisedTurn[], settings: Settings): Advice[] {
  if (turns.length === 0) return [];
  // A handful of turns says little: no advice on stages from them, only that more are needed.
  if (turns.length < MIN_TURNS_FOR_ADVICE) return coverageAdvice(turns);
  return [
    sttAdvice(turns, settings),
    ...firstTokenAdvice(turns, settings),
    generationAdvice(turns, settings),
    ttsAdvice(turns, settings),
    beforeRequestAdvice(turns, settings),
    ...coverageAdvice(turns),
  ].filter((a): a is Advice => a !== null);
}
