// Warming the TTS cache at launch so common sentences play at once: the top phrases per language
// plus the sentences Earshot has said most often, synthesized one at a time with a yield to the
// event loop between items, skipping what is cached, paused while a turn is speaking, cancellable.
import { setImmediate } from 'node:timers/promises';
import { isEarshotError } from '../../../shared/errors';
import type { Language } from '../../../shared/turn';
import type { SynthesizedAudio, SynthesizeOptions } from '../engines/types';
import type { Clock } from '../platform/clock';
import { SentenceSplitter as StreamingSentenceSplitter } from './sentence-splitter';
import { CodeFenceFilter, speakableText } from './speakable-text';
import type { Logger } from '../platform/logger';
import { normalizeSentence } from '../store/text-normalization';
import type { CachedAudio, TtsCacheKey } from '../store/types';
import { topPhrases, type WarmupPhrases } from './warmup-phrases';

export const WARMUP_PHRASES_PER_LANGUAGE = 20;
export const WARMUP_SENTENCES_FROM_HISTORY = 10;

export type SentenceSplitter = (text: string, language: Language) => string[];

/**
 * The sentences the pipeline would speak for this text: code fences taken out, the Assistant's own
 * SentenceSplitter fed word by word as a streamed reply is, and each sentence made speakable (no
 * Markdown marks), so warmed keys are the keys the pipeline looks up and the voice never rehearses
 * asterisks and hashes it would not say.
 */
export const pipelineSplitter: SentenceSplitter = (text, language) => {
  const splitter = new StreamingSentenceSplitter({ language });
  const fences = new CodeFenceFilter(language);
  const words = text.match(/\s*\S+|\s+$/g) ?? [];
  const sentences = [...words.flatMap((word) => splitter.push(fences.push(word))), ...splitter.push(fences.flush()), ...splitter.flush()];
  return sentences.map((sentence) => speakableText(sentence, language)).filter((sentence) => sentence !== '');
};

/** Sentences that recur in past replies, most frequent first (ties: most recent first). Pure. */
export function frequentSentences(replies: readonly string[], language: Language, split: SentenceSplitter, limit: number, minCount = 2): string[] {
  const counts = new Map<string, { text: string; count: number; first: number }>();
  replies.forEach((reply, order) => {
    for (const sentence of split(reply, language)) {
      const key = normalizeSentence(sentence);
      const seen = counts.get(key);
      if (seen) seen.count += 1;
      else counts.set(key, { text: sentence, count: 1, first: order });
    }
  });
  return [...counts.values()]
    .filter((c) => c.count >= minCount)
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .slice(0, limit)
    .map((c) => c.text);
}

/** The sentences to warm for one language, in order, without duplicates. Pure. */
export function warmupSentences(phrases: WarmupPhrases | undefined, historySentences: readonly string[], language: Language, split: SentenceSplitter, perLanguage: number): string[] {
  const fromPhrases = phrases ? topPhrases(phrases, perLanguage).flatMap((p) => split(p, language)) : [];
  const seen = new Set<string>();
  return [...fromPhrases, ...historySentences].filter((sentence) => {
    const key = normalizeSentence(sentence);
    if (seen.has(key) || key.length === 0) return false;
    seen.add(key);
    return true;
  });
}

export interface WarmupOptions {
  tts: {
    voiceId(language: Language): string;
    synthesize(text: string, options: SynthesizeOptions): Promise<SynthesizedAudio>;
  };
  cache: { has(key: TtsCacheKey): boolean; put(key: TtsCacheKey, audio: CachedAudio): void };
  phrases: Partial<Record<Language, WarmupPhrases>>;
  /** Past replies (newest first) per language, e.g. SqliteHistoryStore.recentReplies. */
  history?: { recentReplies(language: Language, limit: number): string[] } | null;
  languages: readonly Language[];
  speed: number;
  signal?: AbortSignal;
  clock: Clock;
  logger: Logger;
  perLanguage?: number;
  fromHistory?: number;
  splitSentences?: SentenceSplitter;
  /** While this answers true (a turn is speaking), warm-up waits. */
  isBusy?: () => boolean;
  /** Lets other work run between items; a macrotask by default. */
  yieldToLoop?: () => Promise<void>;
}

export interface WarmupReport {
  synthesized: number;
  alreadyCached: number;
  failed: number;
  cancelled: boolean;
  durationMs: number;
}

/** Errors that say the voice itself cannot be used (not this one phrase). */
const VOICE_UNUSABLE = new Set<string>(['tts_model_missing', 'tts_model_corrupt']);


export async function warmTtsCache(options: WarmupOptions): Promise<WarmupReport> {
  const { tts, cache, clock, logger, signal } = options;
  const split = options.splitSentences ?? pipelineSplitter;
  const pause = options.yieldToLoop ?? (() => setImmediate());
  const started = clock.now();
  const report: WarmupReport = { synthesized: 0, alreadyCached: 0, failed: 0, cancelled: false, durationMs: 0 };

  for (const language of options.languages) {
    let historySentences: string[] = [];
    try {
      const replies = options.history?.recentReplies(language, 500) ?? [];
      historySentences = frequentSentences(replies, language, split, options.fromHistory ?? WARMUP_SENTENCES_FROM_HISTORY);
    } catch (error) {
      logger.warn('TTS warm-up could not read past replies; warming the built-in phrases only.', { error: String(error) });
    }
    const sentences = warmupSentences(options.phrases[language], historySentences, language, split, options.perLanguage ?? WARMUP_PHRASES_PER_LANGUAGE);
    const voiceId = tts.voiceId(language);
    for (const [index, text] of sentences.entries()) {
      await pause();
      while (options.isBusy?.() && !signal?.aborted) await new Promise((resolve) => setTimeout(resolve, 100));
      if (signal?.aborted) {
        report.cancelled = true;
        report.durationMs = clock.now() - started;
        return report;
      }
      const key = { text, voiceId, speed: options.speed };
      if (cache.has(key)) {
        report.alreadyCached += 1;
        continue;
      }
      try {
        const audio = await tts.synthesize(text, { language, speed: options.speed, signal });
        if (signal?.aborted) continue;
        cache.put(key, { sampleRate: audio.sampleRate, samples: audio.samples });
        report.synthesized += 1;
      } catch (error) {
        if (signal?.aborted) continue;
        if (isEarshotError(error) && VOICE_UNUSABLE.has(error.code)) {
          // Every other phrase would fail the same way: say it once and go on with the next language.
          report.failed += sentences.length - index;
          logger.warn(`TTS warm-up skipped the ${language} phrases: ${error.message}`, { voiceId });
          break;
        }
        report.failed += 1;
        logger.warn('TTS warm-up could not synthesize a phrase; it will be made when first needed.', { text, error: String(error) });
      }
    }
  }
  report.durationMs = clock.now() - started;
  report.cancelled = signal?.aborted ?? false;
  return report;
}
