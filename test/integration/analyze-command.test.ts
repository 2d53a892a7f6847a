// `npm run analyze` on data folders holding real turns: the Assistant with real SQLite stores and
// scripted engines records its marks in earshot.db; analyze reads them back, read-only.
import Database from 'better-sqlite3';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type AnalyzeReport, runAnalyzeCommand } from '../../src/main/cli/analyze-command';
import { systemClock } from '../../src/main/core/platform/clock';
import { MIN_TURNS_FOR_ADVICE } from '../../src/main/core/metrics/latency-advice';
import { silentLogger } from '../../src/main/core/platform/logger';
import { openEarshotDatabase } from '../../src/main/core/store/databases';
import { SqliteMetricsStore } from '../../src/main/core/store/metrics-store';
import type { Embedder } from '../../src/main/core/store/embedder';
import { openStores } from '../../src/main/core/runtime/open-stores';
import { applyPreset, DEFAULT_SETTINGS } from '../../src/shared/settings';
import { createHarness } from '../support/assistant-harness';
import { burstAudio, streamAudio } from '../support/scripted-engines';
import { tempDataDir } from '../support/store-fixtures';

const noEmbeddings: Embedder = { id: 'none', embed: async () => null };
const folders: Array<{ remove(): void }> = [];

afterEach(() => {
  for (const folder of folders.splice(0)) folder.remove();
});

/** Runs spoken and typed turns through the Assistant on real stores in a fresh data folder. */
async function recordTurns(options: { spoken: number; typed: number; sttMs?: number; pushSpeed?: number }): Promise<string> {
  const folder = tempDataDir('earshot-analyze-');
  folders.push(folder);
  const stores = openStores({ dataDir: folder.dir, clock: systemClock, logger: silentLogger, settings: () => DEFAULT_SETTINGS, embedder: noEmbeddings, extract: async () => [] });
  const { history, metrics, responseCache, ttsCache, memory } = stores;
  const h = createHarness({
    stt: { texts: (_audio, call) => `Question number ${call + 1} about the weather`, fixedMs: options.sttMs ?? 5, msPerAudioSecond: 10 },
    llm: { reply: 'It is mild. Take a light jacket. Anything else?', firstTokenMs: 5, perTokenMs: 1 },
    stores: { history, metrics, responseCache, ttsCache, memory },
  });
  h.assistant.onEvent((event) => {
    if (event.type === 'audio' && event.seq === 0) h.assistant.reportPlayback(event.turnId);
  });
  for (let i = 0; i < options.spoken; i++) {
    const turnId = h.assistant.beginTurn({ cache: false });
    await streamAudio(burstAudio([{ speech: 1 }]), (chunk) => h.assistant.pushAudio(turnId, chunk), options.pushSpeed ?? 50);
    expect((await h.assistant.endTurn(turnId)).error).toBeNull();
    await h.assistant.idle();
  }
  for (let i = 0; i < options.typed; i++) {
    expect((await h.assistant.askText(`Typed question ${i + 1} about tides`, { cache: false }).result).error).toBeNull();
    await h.assistant.idle();
  }
  await h.assistant.dispose();
  stores.close();
  return folder.dir;
}

async function analyze(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runAnalyzeCommand(args, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('npm run analyze', () => {
  it('reports P50/P95/P99 per stage over the recorded turns, with recommendations', async () => {
    const dataDir = await recordTurns({ spoken: 3, typed: 2 });
    const out = await analyze(['--json', '--data-dir', dataDir]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as AnalyzeReport;
    expect(report.turns).toBe(5);
    expect(report.stages.stt).toMatchObject({ from: 'keyUp', to: 'sttDone', count: 3 });
    expect(report.stages.voiceToVoice).toMatchObject({ from: 'keyUp', to: 'firstAudioPlayed', count: 3 });
    expect(report.stages.llmFirstToken?.count).toBe(5);
    for (const stage of Object.values(report.stages)) {
      expect(stage.p50).toBeLessThanOrEqual(stage.p95);
      expect(stage.p95).toBeLessThanOrEqual(stage.p99);
    }
    expect(report.advice.map((a) => a.id)).toEqual(['few-turns']);
    // The scripted model reports prompt_eval_count 40 for every chat.
    expect(report.llm_prefill_tokens).toEqual({ count: 5, p50: 40, p95: 40 });
    // Read-only: no settings file appears, the database is left as it was.
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
  });

  it('prints a table of stages and the recommendations for people', async () => {
    const dataDir = await recordTurns({ spoken: 2, typed: 0 });
    const out = await analyze(['--data-dir', dataDir]);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Latency over the last 2 answered turns');
    expect(out.stdout).toContain("Prompt tokens prefilled per turn (Ollama's prompt_eval_count): p50 40, p95 40 over 2 turns");
    expect(out.stdout).toMatch(/voiceToVoice\s+keyUp → firstAudioPlayed\s+2\s+\d+ ms/);
    expect(out.stdout).toContain('Recommendations:\n  - Only 2 turns recorded');
  });

  it('slow speech-to-text in the recorded turns gets the beam-size advice, unless the fast settings are on', async () => {
    const dataDir = await recordTurns({ spoken: MIN_TURNS_FOR_ADVICE, typed: 0, sttMs: 650, pushSpeed: 1 }); // held for 1 s, as spoken
    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, stt: { ...DEFAULT_SETTINGS.stt, beamSize: 3 } }));
    const slow = JSON.parse((await analyze(['--json', '--data-dir', dataDir])).stdout) as AnalyzeReport;
    expect(slow.advice.find((a) => a.id === 'stt-slow')?.message).toMatch(/^STT p95 [\d.]+ m?s on \d+ s clips: try beam size 1 or whisper-tiny/);

    writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(applyPreset(DEFAULT_SETTINGS, 'fast')));
    const fast = JSON.parse((await analyze(['--json', '--data-dir', dataDir])).stdout) as AnalyzeReport;
    expect(fast.advice.find((a) => a.id === 'stt-slow')?.message).not.toContain('beam size 1');
  });

  it('a data folder without turns says so and succeeds; bad arguments show the usage', async () => {
    const folder = tempDataDir('earshot-analyze-empty-');
    folders.push(folder);
    const out = await analyze(['--data-dir', folder.dir]);
    expect(out).toMatchObject({ code: 0, stdout: `No turns recorded yet in ${folder.dir} — talk to Earshot (or \`npm run ask\`) first.\n` });
    expect(JSON.parse((await analyze(['--json', '--data-dir', folder.dir])).stdout)).toMatchObject({ turns: 0, stages: {}, advice: [] });
    const bad = await analyze(['--limit', 'lots']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Usage: npm run --silent analyze');
  });

  it('gives no advice on stages from a handful of turns, only that more are needed', async () => {
    const dataDir = await recordTurns({ spoken: 2, typed: 0, sttMs: 650, pushSpeed: 1 });
    const report = JSON.parse((await analyze(['--json', '--data-dir', dataDir])).stdout) as AnalyzeReport;
    expect(report.advice.map((a) => a.id)).toEqual(['few-turns']);
  });

  it('leaves out turns answered from the cache and turns that failed, and a damaged row', async () => {
    const dataDir = await recordTurns({ spoken: 2, typed: 1 });
    const db = new Database(join(dataDir, 'earshot.db'));
    const insert = db.prepare('INSERT INTO turn_metrics (turn_id, at, marks, meta) VALUES (?, ?, ?, ?)');
    const marks = JSON.stringify({ keyDown: 0, keyUp: 1000, sttDone: 1100, llmRequest: 1101, llmFirstToken: 1102, firstSentence: 1103, ttsFirstChunk: 1104, turnDone: 1105 });
    insert.run('hit', Date.now(), marks, JSON.stringify({ kind: 'voice', cache: 'hit', complete: true, error: null }));
    insert.run('failed', Date.now(), marks, JSON.stringify({ kind: 'voice', cache: 'miss', complete: false, error: 'llm_unreachable' }));
    insert.run('damaged', Date.now(), '{"keyUp": 1', '{}');
    db.close();
    const out = await analyze(['--json', '--data-dir', dataDir]);
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout) as AnalyzeReport;
    expect(report.turns).toBe(3);
    expect(report.excluded).toEqual({ cache_hits: 1, failed: 1 });
    expect(report.stages.stt?.count).toBe(2);
  });
});

describe('turn measurements', () => {
  it('keep only the newest turns, so reading them stays quick', () => {
    const folder = tempDataDir('earshot-metrics-cap-');
    folders.push(folder);
    const { db } = openEarshotDatabase(folder.dir, { clock: systemClock, logger: silentLogger });
    const metrics = new SqliteMetricsStore(db, systemClock, 3);
    for (let i = 1; i <= 5; i++) metrics.record(`t${i}`, { keyDown: 0, turnDone: i }, { kind: 'text', cache: 'miss', complete: true, error: null });
    expect(metrics.recent(10).map((r) => r.turnId)).toEqual(['t3', 't4', 't5']);
    db.close();
  });
});

