// The Assistant against a fake Ollama over real HTTP: at key-down the stable start of the next prompt
// is prefilled, and the turn's chat starts with exactly those messages, so Ollama prefills only the
// tail after key-up. The turn's prompt_eval_count is recorded with its latency marks.
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaLanguageModel } from '../../src/main/core/engines/llm/ollama-llm';
import { PromptSession } from '../../src/main/core/prompt/prompt-session';
import { Assistant } from '../../src/main/core/turn/assistant';
import { DEFAULT_SETTINGS, type Settings } from '../../src/shared/settings';
import type { MemoryService } from '../../src/main/core/store/types';
import { MemoryHistory } from '../support/assistant-harness';
import { startFakeOllama, type FakeOllama, type RecordedRequest } from '../support/fake-ollama';
import { burstAudio, EnergyVad, ScriptedStt, sleep } from '../support/scripted-engines';
import { turn } from '../support/store-fixtures';

type ChatBody = { messages: Array<{ role: string; content: string }>; stream?: boolean; options?: { num_predict?: number; num_ctx?: number } };

const fakes: FakeOllama[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function setup(options: { schedule?: (run: () => void, ms: number) => () => void; memory?: MemoryService } = {}) {
  const fake = await startFakeOllama({ reply: 'It is sunny. Take a hat.', stats: { prompt_eval_count: 23 } });
  fakes.push(fake);
  const history = new MemoryHistory();
  history.append(turn(1));
  history.append(turn(2));
  const recorded: Array<Record<string, unknown>> = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, host: fake.url }, tts: { ...DEFAULT_SETTINGS.tts, enabled: false } };
  const assistant = new Assistant({
    engines: {
      stt: () => new ScriptedStt({ texts: ['Will it rain tomorrow?'] }),
      vad: () => new EnergyVad(),
      llm: () => new OllamaLanguageModel({ host: fake.url }),
      tts: () => null,
    },
    stores: { history, memory: options.memory, metrics: { record: (_id, _marks, meta) => recorded.push(meta) } },
    settings: () => settings,
    buildPrompt: new PromptSession(),
    schedule: options.schedule,
  });
  const chats = () => fake.requests.filter((r) => r.path === '/api/chat' && (r.body as ChatBody).messages.length > 0);
  return { fake, assistant, history, recorded, chats };
}

const body = (r: RecordedRequest) => r.body as ChatBody;

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await sleep(5);
  expect(check()).toBe(true);
}

describe('Assistant: the prompt prefix is prefilled while the user speaks', () => {
  it('prefills system prompt + history at key-down, and the turn’s chat starts with exactly those messages', async () => {
    const { assistant, chats, recorded } = await setup();
    const id = assistant.beginTurn({ speech: false });
    await until(() => chats().length === 1);
    const prefill = body(chats()[0]!);
    expect(prefill.options?.num_predict).toBe(1); // Ollama reads 0 as "no limit"
    expect(prefill.stream).toBe(false);
    expect(prefill.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);

    assistant.pushAudio(id, burstAudio([{ speech: 1 }, { silence: 0.3 }]));
    const result = await assistant.endTurn(id);
    expect(result.error).toBeNull();
    const chat = body(chats()[1]!);
    expect(chat.stream).toBe(true);
    expect(chat.options?.num_ctx).toBe(prefill.options?.num_ctx);
    expect(chat.messages.slice(0, prefill.messages.length)).toEqual(prefill.messages);
    expect(chat.messages.slice(prefill.messages.length)).toEqual([{ role: 'user', content: 'Will it rain tomorrow?' }]);

    await assistant.idle();
    expect(recorded.at(-1)).toMatchObject({ llmPrefillTokens: 23 });
    await assistant.dispose();
  });

  it('prefills the memories every prompt quotes first too, so after key-up only the question is new', async () => {
    const standing = ['The user is vegetarian.'];
    const memory: MemoryService = {
      standing: () => standing,
      prepare: () => ({ ready: Promise.resolve(), finish: async () => ({ texts: [...standing, 'The user likes hiking.'], relevant: [] }) }),
      afterTurn: () => undefined,
    };
    const { assistant, chats } = await setup({ memory });
    const id = assistant.beginTurn({ speech: false });
    await until(() => chats().length === 1);
    const prefill = body(chats()[0]!);
    expect(prefill.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    const notes = prefill.messages.at(-1)!.content.trimEnd();
    expect(notes).toContain('"The user is vegetarian."');
    assistant.pushAudio(id, burstAudio([{ speech: 1 }, { silence: 0.3 }]));
    await assistant.endTurn(id);
    const chat = body(chats()[1]!);
    expect(chat.messages.slice(0, -1)).toEqual(prefill.messages.slice(0, -1));
    expect(chat.messages.at(-1)!.content.startsWith(notes)).toBe(true);
    expect(chat.messages.at(-1)!.content.endsWith('Will it rain tomorrow?')).toBe(true);
    await assistant.dispose();
  });

  it('sends no separate model-load request at key-down: the prefill loads the model itself', async () => {
    const { fake, assistant, chats } = await setup();
    const id = assistant.beginTurn({ speech: false });
    await until(() => chats().length === 1);
    const loads = fake.requests.filter((r) => r.path === '/api/chat' && (r.body as ChatBody).messages.length === 0);
    expect(loads).toHaveLength(0);
    assistant.cancel(id);
    await assistant.dispose();
  });

  it('prefills the prefix at launch, so the first key-down after it has nothing left to prefill', async () => {
    const { assistant, chats } = await setup();
    assistant.warmAtLaunch();
    await until(() => chats().length === 1);
    expect(body(chats()[0]!).messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
    await until(() => chats()[0]!.finishedAt !== null);
    const id = assistant.beginTurn({ speech: false });
    assistant.pushAudio(id, burstAudio([{ speech: 1 }, { silence: 0.3 }]));
    await assistant.endTurn(id);
    // The launch prefill and the turn's chat: no second prefill of the same prefix at key-down.
    expect(chats().map((r) => body(r).stream)).toEqual([false, true]);
    await assistant.dispose();
  });

  it('prefills the prefix again in a quiet moment after background work used the chat model', async () => {
    const quiet: Array<() => void> = [];
    const { assistant, chats } = await setup({ schedule: (run) => (quiet.push(run), () => undefined) });
    await assistant.askText('Will it rain tomorrow?', { speech: false }).result;
    assistant.chatModelUsedInBackground(); // e.g. a fact extraction during a quiet spell
    expect(chats()).toHaveLength(1);
    quiet.splice(0).forEach((run) => run());
    await until(() => chats().length === 2);
    const prefill = body(chats()[1]!);
    expect(prefill.options?.num_predict).toBe(1);
    // The saved history now includes the typed turn: system + three exchanges.
    expect(prefill.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user', 'assistant']);
    expect(prefill.messages.at(-2)).toEqual({ role: 'user', content: 'Will it rain tomorrow?' });
    await assistant.dispose();
  });

  it('a barge-in during a long reply prefills and then answers the new question', async () => {
    const { fake, assistant, chats } = await setup();
    fake.setScript({ reply: (request) => (request.index === 0 ? 'Once upon a time. '.repeat(40) : 'Sure, a shorter one.'), perTokenDelayMs: 20 });
    const story = assistant.askText('Tell me a long story.', { speech: false });
    await until(() => (chats()[0]?.tokensSentAt.length ?? 0) > 2);
    const id = assistant.beginTurn({ speech: false }); // barge-in
    expect((await story.result).complete).toBe(false);
    assistant.pushAudio(id, burstAudio([{ speech: 1 }, { silence: 0.3 }]));
    const result = await assistant.endTurn(id);
    expect(result).toMatchObject({ error: null, complete: true, reply: 'Sure, a shorter one.' });
    const prefill = body(chats()[1]!);
    expect(prefill.messages.at(-1)?.role).toBe('assistant'); // the cut-short story is part of the history
    await assistant.dispose();
  });

  it('does not prefill for a typed question: its chat goes out at once', async () => {
    const { assistant, chats } = await setup();
    await assistant.askText('Will it rain tomorrow?', { speech: false }).result;
    expect(chats().map((r) => body(r).stream)).toEqual([true]);
    await assistant.dispose();
  });
});
