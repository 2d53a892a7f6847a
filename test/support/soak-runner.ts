// Soak: many turns through the core — the real Assistant, real SQLite stores, the real Ollama client
// over HTTP to the fake server — reporting memory, handles, listeners and cache sizes as JSON.
// Run with `node --expose-gc --import tsx test/support/soak-runner.ts TURNS` (the soak test does).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Assistant } from '../../src/main/core/turn/assistant';
import { systemClock } from '../../src/main/core/platform/clock';
import { GuardedLanguageModel } from '../../src/main/core/engines/llm/guarded-language-model';
import { OllamaLanguageModel } from '../../src/main/core/engines/llm/ollama-llm';
import { silentLogger } from '../../src/main/core/platform/logger';
import { PromptSession } from '../../src/main/core/prompt/prompt-session';
import { noEmbedder } from '../../src/main/core/store/embedder';
import { openStores } from '../../src/main/core/runtime/open-stores';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { startFakeOllama } from './fake-ollama';
import { burstAudio, EnergyVad, ScriptedStt, ScriptedTts } from './scripted-engines';

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function rssMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss / 1024 / 1024;
}

async function main(turns: number): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'earshot-soak-'));
  const ollama = await startFakeOllama({
    reply: ({ messages }) => `You asked: ${String(messages?.at(-1)?.content ?? '').slice(0, 40)}. Here is a second sentence. And a third one.`,
    models: ['llama3.2:3b'],
  });
  const settings = { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, host: ollama.url } };
  const stores = openStores({ dataDir, clock: systemClock, logger: silentLogger, settings: () => settings, embedder: noEmbedder, extract: async () => [] });
  const stt = new ScriptedStt({ texts: (_audio, call) => `Spoken question number ${call}`, msPerAudioSecond: 0 });
  const tts = new ScriptedTts({ realTimeFactor: 0, chunks: 2 });
  const llm = new GuardedLanguageModel(new OllamaLanguageModel({ host: ollama.url }));
  const vad = new EnergyVad();
  const assistant = new Assistant({
    engines: { stt: () => stt, vad: () => vad, llm: () => llm, tts: () => tts },
    stores,
    settings: () => settings,
    buildPrompt: new PromptSession(),
    historyTurns: 200,
  });
  let listenerCalls = 0;
  const unsubscribe = assistant.onEvent(() => (listenerCalls += 1));
  const audio = burstAudio([{ speech: 1 }, { silence: 0.2 }]);

  const samples: Array<{ turn: number; rssMb: number }> = [];
  let failures = 0;
  // Warm-up: until the bounded in-memory caches (hot TTS audio, the response index) have filled.
  const warmup = Math.floor(turns * 0.3);
  const warnings: string[] = [];
  process.on('warning', (warning) => warnings.push(`${warning.name}: ${warning.message}`));
  let atWarmup = { resources: {} as Record<string, number> };
  for (let i = 0; i < turns; i++) {
    let result;
    if (i % 2 === 0) {
      const id = assistant.beginTurn();
      for (let at = 0; at < audio.length; at += 1600) assistant.pushAudio(id, audio.subarray(at, at + 1600));
      result = await assistant.endTurn(id);
    } else {
      result = await assistant.askText(i % 10 === 1 ? 'What is the capital of France?' : `Typed question ${i}`).result;
    }
    if (result.error) failures += 1;
    if (i + 1 === warmup) {
      await assistant.idle();
      // The sample (and its gc) before the handle count, as at the end: a collection can close sockets.
      samples.push({ turn: i + 1, rssMb: rssMb() });
      atWarmup = { resources: resources() };
    } else if ((i + 1) % 50 === 0) samples.push({ turn: i + 1, rssMb: rssMb() });
  }
  await assistant.idle();
  samples.push({ turn: turns, rssMb: rssMb() });
  const end = { resources: resources() };
  // One RSS sample swings by ±15 MB with the audio buffers alive at that moment (the hot TTS cache,
  // chunks in flight) and memory the allocator has not handed back; a leak climbs through all of
  // them. So each end is the median of three samples: the first three from the warm-up on, and the
  // last three.
  const after = samples.filter((s) => s.turn >= warmup);
  const level = (xs: typeof samples): number => median(xs.map((s) => s.rssMb));
  const warmupMb = level(after.slice(0, 3));
  const endMb = level(after.slice(-3));
  const report = {
    turns,
    failures,
    warnings,
    listenerCalls,
    rss: { warmupMb, endMb, growth: (endMb - warmupMb) / warmupMb, samples },
    resources: { warmup: atWarmup.resources, end: end.resources },
    history: stores.history?.recent(10_000).length ?? 0,
    caches: stores.cacheStats(),
  };
  unsubscribe();
  await assistant.dispose();
  stores.close();
  await ollama.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

void main(Number(process.argv[2] ?? 1000));
