import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/main/core/platform/clock';
import { openCacheDatabase, openEarshotDatabase } from '../../../src/main/core/store/databases';
import { SqliteHistoryStore } from '../../../src/main/core/store/history-store';
import { SqliteTtsCache } from '../../../src/main/core/store/tts-cache';
import { pipelineSplitter, warmTtsCache } from '../../../src/main/core/speech/tts-warmup';
import { loadWarmupPhrases } from '../../../src/main/core/speech/warmup-phrases';
import type { SynthesizeOptions } from '../../../src/main/core/engines/types';
import { EarshotError } from '../../../src/shared/errors';
import type { Language } from '../../../src/shared/turn';
import { recordingLogger, scriptedTts, tempDataDir, turn } from '../../support/store-fixtures';

const phraseDir = join(__dirname, '../../../resources/phrases');
const phrases = { en: loadWarmupPhrases(phraseDir, 'en'), pt: loadWarmupPhrases(phraseDir, 'pt') };

/**
 * What a first-time user hears in greetings and errors: Earshot's own spoken errors and typical
 * greeting replies from the model, split into sentences the way the pipeline speaks them.
 */
const FIRST_SESSION: Record<Language, string[]> = {
  en: [
    'Hello! How can I help you today?',
    'Hi! How can I help?',
    'Hi there! What can I do for you?',
    "You're welcome! Is there anything else I can help you with?",
    'Goodbye!',
    'Good morning! How can I help you today?',
    'Hello there! How can I help you today?',
    phrases.en.spokenErrors.llm_unreachable!,
    phrases.en.spokenErrors.audio_empty!,
    phrases.en.spokenErrors.llm_timeout!,
    phrases.en.spokenErrors.stt_failed!,
  ],
  pt: [
    'Olá! Como posso ajudar?',
    'Oi! Em que posso ajudar?',
    'Bom dia! Como posso ajudar hoje?',
    'De nada! Posso ajudar em mais alguma coisa?',
    'Olá! Tudo bem? Como posso ajudar?',
    phrases.pt.spokenErrors.llm_unreachable!,
    phrases.pt.spokenErrors.audio_empty!,
    phrases.pt.spokenErrors.internal!,
  ],
};

describe('TTS cache warm-up', () => {
  let data: ReturnType<typeof tempDataDir>;
  let db: Database;
  beforeEach(() => {
    data = tempDataDir();
    db = openCacheDatabase(data.dir, { clock: systemClock, logger: recordingLogger() }).db;
  });
  afterEach(() => {
    db.close();
    data.remove();
  });

  it('lets a first-time user hit the cache for more than 80 % of spoken greetings and error messages', async () => {
    const tts = scriptedTts({ delayMs: 2 });
    const cache = new SqliteTtsCache(db, { clock: systemClock, logger: recordingLogger() });
    const report = await warmTtsCache({ tts, cache, phrases, languages: ['en', 'pt'], speed: 1, clock: systemClock, logger: recordingLogger() });
    expect(report.failed).toBe(0);

    let hits = 0;
    let total = 0;
    for (const language of ['en', 'pt'] as const) {
      for (const reply of FIRST_SESSION[language]) {
        for (const sentence of pipelineSplitter(reply, language)) {
          total += 1;
          if (cache.get({ text: sentence, voiceId: tts.voiceId(language), speed: 1 })) hits += 1;
        }
      }
    }
    const rate = hits / total;
    console.info(`warm-up: ${report.synthesized} sentences in ${report.durationMs.toFixed(0)} ms (scripted TTS, 2 ms each); first-session hit rate ${(rate * 100).toFixed(1)} % (${hits}/${total})`);
    expect(rate).toBeGreaterThan(0.8);
  });

  it('skips what is already cached, so a second launch synthesizes nothing', async () => {
    const tts = scriptedTts();
    const cache = new SqliteTtsCache(db, { clock: systemClock, logger: recordingLogger() });
    const first = await warmTtsCache({ tts, cache, phrases, languages: ['en'], speed: 1, clock: systemClock, logger: recordingLogger() });
    const calls = tts.calls.length;
    const second = await warmTtsCache({ tts, cache, phrases, languages: ['en'], speed: 1, clock: systemClock, logger: recordingLogger() });
    expect(first.synthesized).toBe(calls);
    expect(second.synthesized).toBe(0);
    expect(second.alreadyCached).toBe(calls);
    expect(tts.calls.length).toBe(calls);
  });

  it('adds the sentences Earshot says most often in past replies', async () => {
    const historyDb = openEarshotDatabase(data.dir, { clock: systemClock, logger: recordingLogger() }).db;
    const history = new SqliteHistoryStore(historyDb);
    for (let n = 0; n < 5; n++) history.append(turn(n, { reply: `Paris is the capital of France. Fact ${n}.` }));
    const tts = scriptedTts();
    const cache = new SqliteTtsCache(db, { clock: systemClock, logger: recordingLogger() });
    await warmTtsCache({ tts, cache, phrases, history, languages: ['en'], speed: 1, clock: systemClock, logger: recordingLogger() });
    expect(cache.has({ text: 'Paris is the capital of France.', voiceId: tts.voiceId('en'), speed: 1 })).toBe(true);
    expect(tts.calls.some((c) => c.text === 'Fact 1.')).toBe(false);
    historyDb.close();
  });

  it('never blocks the event loop: it lets the loop turn between one phrase and the next', async () => {
    // Counted in loop turns, not milliseconds: a timer's delay also grows when the machine is busy.
    let turns = 0;
    let running = true;
    const turn = () => {
      if (!running) return;
      turns += 1;
      setImmediate(turn);
    };
    setImmediate(turn);
    const turnsAtEachPhrase: number[] = [];
    const tts = {
      ...scriptedTts(),
      synthesize: async (text: string) => {
        turnsAtEachPhrase.push(turns);
        return { sampleRate: 22_050, samples: new Float32Array(text.length * 200).fill(0.1) };
      },
    };
    const cache = new SqliteTtsCache(db, { clock: systemClock, logger: recordingLogger() });
    const report = await warmTtsCache({ tts, cache, phrases, languages: ['en', 'pt'], speed: 1, clock: systemClock, logger: recordingLogger() });
    running = false;
    expect(report.synthesized).toBeGreaterThan(20);
    const heldTheLoop = turnsAtEachPhrase.slice(1).filter((t, k) => t === turnsAtEachPhrase[k]);
    expect(heldTheLoop).toEqual([]);
  });

  it('stops when cancelled, and waits while a turn is speaking', async () => {
    const tts = scriptedTts({ delayMs: 5 });
    const cache = new SqliteTtsCache(db, { clock: systemClock, logger: recordingLogger() });
    const controller = new AbortController();
    let busy = true;
    const running = warmTtsCache({ tts, cache, phrases, languages: ['en', 'pt'], speed: 1, clock: systemClock, logger: recordingLogger(), signal: controller.signal, isBusy: () => busy });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(tts.calls).toHaveLength(0);
    busy = false;
    await new Promise((resolve) => setTimeout(resolve, 150));
    controller.abort();
    const report = await running;
    expect(report.cancelled).toBe(true);
    expect(tts.calls.length).toBeGreaterThan(0);
    expect(tts.calls.length).toBeLessThan(30);
  });

  it('says once, not once per phrase, that a voice is not installed, and goes on with the other language', async () => {
    const logger = recordingLogger();
    const missing = new EarshotError('tts_model_missing', 'Voice "piper-en_US-amy-low" not found in /models — run `npm run models -- fetch piper-en_US-amy-low`');
    const good = scriptedTts();
    const tts = {
      voiceId: good.voiceId,
      synthesize: async (text: string, options: SynthesizeOptions) => {
        if (options.language === 'en') throw missing;
        return good.synthesize(text, options);
      },
    };
    const cache = new SqliteTtsCache(db, { clock: systemClock, logger: recordingLogger() });
    const report = await warmTtsCache({ tts, cache, phrases, languages: ['en', 'pt'], speed: 1, clock: systemClock, logger });
    const warnings = logger.lines.filter((l) => l.level === 'warn');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain('npm run models -- fetch piper-en_US-amy-low');
    expect(report.synthesized).toBeGreaterThan(10); // the Portuguese phrases
    expect(good.calls.every((c) => c.language === 'pt')).toBe(true);
    expect(report.failed).toBeGreaterThan(10); // every English phrase counted, none tried twice
  });
});
