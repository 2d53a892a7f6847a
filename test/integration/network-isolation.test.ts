// Nothing connects anywhere except the configured Ollama host. Every outgoing socket and
// DNS look-up made by a whole session through the real runtime (cache warm-up, a spoken turn, a
// typed turn, the setup check) is recorded.
import dns from 'node:dns';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resolvePaths } from '../../src/main/core/platform/paths';
import { openRuntime } from '../../src/main/core/runtime/runtime';
import type { Runtime } from '../../src/main/core/runtime/runtime-types';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama';
import { speak } from '../support/speech-fixtures';
import { writeStandInModels } from '../support/stand-in-models';

let work: string;
let ollama: FakeOllama;
let runtime: Runtime;
const connections: string[] = [];
const lookups: string[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'earshot-net-'));
  await writeStandInModels(join(work, 'models'));
  ollama = await startFakeOllama({ reply: 'Hello there. Nice to meet you.', models: ['llama3.2:3b'] });
  const connect = net.Socket.prototype.connect;
  vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    // net.connect() hands over its normalized arguments as an array: [options, callback].
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const options = first as { host?: string; port?: number; path?: string } | number;
    connections.push(typeof options === 'object' ? (options.path ?? `${options.host ?? 'localhost'}:${options.port}`) : `localhost:${options}`);
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  });
  const lookup = dns.lookup;
  vi.spyOn(dns, 'lookup').mockImplementation(((hostname: string, ...rest: unknown[]) => {
    lookups.push(hostname);
    return (lookup as (...a: unknown[]) => void)(hostname, ...rest);
  }) as typeof dns.lookup);
}, 120_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await runtime?.close();
  await ollama?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('network isolation', () => {
  it('a whole session connects only to the configured Ollama host', async () => {
    runtime = await openRuntime({
      paths: resolvePaths({ dataDir: join(work, 'data'), modelsDir: join(work, 'models') }),
      env: {},
      overrides: { llmHost: ollama.url },
      warmCaches: true,
      resourcesDir: join(__dirname, '..', '..', 'resources'),
    });
    const { assistant } = runtime;
    const id = assistant.beginTurn();
    assistant.pushAudio(id, await speak('what is the weather like'));
    expect((await assistant.endTurn(id)).error).toBeNull();
    expect((await assistant.askText('What is the capital of France?').result).error).toBeNull();
    expect((await runtime.setupStatus()).ollama.reachable).toBe(true);
    await assistant.idle();

    expect(connections.length).toBeGreaterThan(0);
    expect(new Set(connections)).toEqual(new Set([`127.0.0.1:${ollama.port}`]));
    expect(lookups.filter((h) => h !== '127.0.0.1' && h !== 'localhost')).toEqual([]);
  });
});
