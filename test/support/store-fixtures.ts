// Fixtures for store and memory tests: a clock the test moves, throwaway data folders, a logger
// that remembers, and a scripted text-to-speech engine that counts its work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../src/main/core/platform/clock';
import type { SynthesizedAudio, SynthesizeOptions } from '../../src/main/core/engines/types';
import type { Logger } from '../../src/main/core/platform/logger';
import type { Embedder } from '../../src/main/core/store/embedder';
import type { HistoryTurn } from '../../src/main/core/store/types';
import type { Language } from '../../src/shared/turn';

export class FakeClock implements Clock {
  monotonic = 1_000;
  wall = Date.UTC(2025, 0, 15, 9, 30);

  now(): number {
    return this.monotonic;
  }

  wallNow(): number {
    return this.wall;
  }

  advance(ms: number): void {
    this.monotonic += ms;
    this.wall += ms;
  }
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (message: string, fields?: Record<string, unknown>) => void lines.push({ level, message, fields });
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A fresh folder under the OS temp dir; remove() deletes it. */
export function tempDataDir(prefix = 'earshot-store-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function turn(n: number, patch: Partial<HistoryTurn> = {}): HistoryTurn {
  return {
    id: `turn-${n}`,
    at: Date.UTC(2025, 0, 15, 9, 30) + n * 1000,
    transcript: `question number ${n}`,
    reply: `answer number ${n}`,
    language: 'en',
    complete: true,
    ...patch,
  };
}

/** Audio whose samples encode the text length, so a test can tell phrases apart. */
export function toneFor(text: string, sampleRate = 22_050): SynthesizedAudio {
  const samples = new Float32Array(Math.max(1, text.length * 200));
  for (let i = 0; i < samples.length; i++) samples[i] = Math.sin(i / (5 + (text.length % 7))) * 0.5;
  return { sampleRate, samples };
}

/** A TextToSpeech stand-in: synthesizes in `delayMs`, records what it was asked for. */
export function scriptedTts(options: { delayMs?: number; fail?: (text: string) => boolean } = {}) {
  const calls: Array<{ text: string; language: Language; speed: number }> = [];
  return {
    calls,
    voiceId: (language: Language) => `scripted-${language}@1`,
    async synthesize(text: string, opts: SynthesizeOptions): Promise<SynthesizedAudio> {
      calls.push({ text, language: opts.language, speed: opts.speed });
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
      if (opts.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      if (options.fail?.(text)) throw new Error('scripted synthesis failure');
      return toneFor(text);
    },
  };
}

/** An embedder from a table of vectors; unknown texts get a vector of their own. Counts calls. */
export function tableEmbedder(table: Record<string, number[]>, id = 'table@1'): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    id,
    calls,
    async embed(texts) {
      calls.push([...texts]);
      return texts.map((t) => Float32Array.from(table[t] ?? [t.length % 5, 1, t.length % 3]));
    },
  };
}
