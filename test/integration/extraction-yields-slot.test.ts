// A fact extraction running on the chat model when the user presses the key: it must not keep
// Ollama's one slot while the question waits. The real Assistant, memory service and Ollama client,
// against the fake Ollama in its CPU mode (one slot, requests queued, a cancelled request stops).
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaLanguageModel } from '../../src/main/core/engines/llm/ollama-llm';
import { llmFactExtractor } from '../../src/main/core/memory/fact-extractor';
import { systemClock } from '../../src/main/core/platform/clock';
import { silentLogger } from '../../src/main/core/platform/logger';
import { PromptSession } from '../../src/main/core/prompt/prompt-session';
import { reportingEviction } from '../../src/main/core/runtime/background-extraction';
import { openStores } from '../../src/main/core/runtime/open-stores';
import { noEmbedder } from '../../src/main/core/store/embedder';
import { Assistant } from '../../src/main/core/turn/assistant';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import { type FakeOllama, type RecordedRequest, startFakeOllama } from '../support/fake-ollama';
import { burstAudio, EnergyVad, ScriptedStt, sleep } from '../support/scripted-engines';
import { tempDataDir } from '../support/store-fixtures';

const EXTRACTED = `- The user is vegetarian.\n${'- The user likes long walks by the sea.\n'.repeat(20)}`;
const messagesOf = (r: RecordedRequest) => (r.body as { messages?: { role: string; content: string }[] }).messages ?? [];
const isExtraction = (r: RecordedRequest) => messagesOf(r).at(-1)?.content.startsWith('<said>') === true;

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 3000 && !check(); i++) await sleep(5); // a bound for a hung test, not a timing check
  expect(check()).toBe(true);
}

describe('a fact extraction under way when the user starts to speak', () => {
  it('is cancelled at key-down: the turn’s prefill takes the slot without waiting for the extraction to finish', async () => {
    // Each generated token costs 40 ms: the extraction's long answer would hold the slot for seconds.
    const fake: FakeOllama = await startFakeOllama({
      reply: (request) => (request.messages.at(-1)?.content.startsWith('<said>') ? EXTRACTED : 'Lentils and tofu.'),
      cpu: { prefillMsPerToken: 0.1, decodeMsPerToken: 40 },
      models: ['llama3.2:3b'],
    });
    cleanups.push(() => fake.close());
    const data = tempDataDir();
    cleanups.push(() => data.remove());
    const settings: Settings = { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, host: fake.url }, tts: { ...DEFAULT_SETTINGS.tts, enabled: false } };
    const llm = new OllamaLanguageModel({ host: fake.url });
    const stores = openStores({
      dataDir: data.dir,
      clock: systemClock,
      logger: silentLogger,
      settings: () => settings,
      embedder: noEmbedder,
      extract: reportingEviction(llmFactExtractor(() => llm, () => settings), () => assistant.chatModelUsedInBackground()),
    });
    cleanups.push(() => stores.close());
    const assistant: Assistant = new Assistant({
      engines: { stt: () => new ScriptedStt({ texts: ['What could I eat for protein?'] }), vad: () => new EnergyVad(), llm: () => llm, tts: () => null },
      stores,
      settings: () => settings,
      buildPrompt: new PromptSession(),
    });
    cleanups.push(() => assistant.dispose());

    await assistant.askText("I'm vegetarian, remember that.", { speech: false }).result;
    await assistant.idle();
    void stores.memory!.flush(); // the quiet spell is over: the extraction starts
    await until(() => fake.requests.some((r) => isExtraction(r) && r.tokensSentAt.length > 2));

    const id = assistant.beginTurn({ speech: false }); // the user presses the key mid-extraction
    const extraction = fake.requests.find(isExtraction)!;
    await until(() => fake.requests.some((r) => r.receivedAt > extraction.receivedAt && !isExtraction(r) && r.cpu !== undefined));
    const prefill = fake.requests.find((r) => r.receivedAt > extraction.receivedAt && !isExtraction(r))!;
    expect(extraction.abortedAt).not.toBeNull();
    expect(extraction.finishedAt).toBeNull(); // it never ran to its end
    expect(prefill.cpu!.slotAt).toBeGreaterThanOrEqual(extraction.abortedAt!);
    expect(extraction.tokensSentAt.length).toBeLessThan(EXTRACTED.split(' ').length / 2);

    assistant.pushAudio(id, burstAudio([{ speech: 1 }, { silence: 0.3 }]));
    const result = await assistant.endTurn(id);
    expect(result).toMatchObject({ error: null, reply: 'Lentils and tofu.' });
  });
});
