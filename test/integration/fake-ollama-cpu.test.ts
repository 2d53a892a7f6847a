// The fake Ollama's opt-in CPU model, over real HTTP with the real `ollama` client: prompt_eval_count
// counts only the tokens its one slot had to evaluate, a request on the same model in between
// evicts the kept prefix, a prefill-only request (num_predict 0) warms it, and requests wait for
// the slot in turn.
import { Ollama } from 'ollama';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOllama, startFakeOllama } from '../support/fake-ollama';

const started: FakeOllama[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((fake) => fake.close()));
});

const system = { role: 'system', content: 'You are Earshot, a concise offline voice assistant. Answer in two or three short sentences, without lists.' };
const question = { role: 'user', content: 'What is the tallest mountain in Africa?' };
const reply = 'Kilimanjaro, in Tanzania, at 5,895 metres.';
const followUp = [system, question, { role: 'assistant', content: reply }, { role: 'user', content: 'How long does the climb take?' }];

async function fake(): Promise<{ server: FakeOllama; client: Ollama }> {
  const server = await startFakeOllama({ reply, cpu: { prefillMsPerToken: 0, decodeMsPerToken: 0 } });
  started.push(server);
  return { server, client: new Ollama({ host: server.url }) };
}

async function evaluated(client: Ollama, messages: typeof followUp, numPredict?: number): Promise<number> {
  let count = Number.NaN;
  const options = numPredict === undefined ? {} : { num_predict: numPredict };
  for await (const part of await client.chat({ model: 'llama3.2:3b', messages, stream: true, options })) if (part.done) count = part.prompt_eval_count;
  return count;
}

describe('fake Ollama with a CPU model', () => {
  it('charges a follow-up only for its new tail while the slot keeps the conversation', async () => {
    const { client } = await fake();
    const first = await evaluated(client, [system, question]);
    const second = await evaluated(client, followUp);
    expect(first).toBeGreaterThan(30);
    expect(second).toBeLessThan(20);
  });

  it('charges the whole prompt again after another request used the model', async () => {
    const { client } = await fake();
    await evaluated(client, [system, question]);
    await client.generate({ model: 'llama3.2:3b', prompt: 'Extract facts about the user from this conversation.', stream: false });
    expect(await evaluated(client, followUp)).toBeGreaterThan(40);
  });

  it('warms the prefix with a prefill-only request that generates nothing', async () => {
    const { client, server } = await fake();
    await client.generate({ model: 'llama3.2:3b', prompt: 'Extract facts about the user.', stream: false });
    const warm = await client.chat({ model: 'llama3.2:3b', messages: followUp.slice(0, 3), stream: false, options: { num_predict: 0 } });
    expect(warm.message.content).toBe('');
    expect(warm.eval_count).toBe(0);
    expect(await evaluated(client, followUp)).toBeLessThan(20);
    expect(server.requests.filter((r) => r.cpu).map((r) => r.cpu!.evaluated)).toHaveLength(3);
  });

  it('serves concurrent requests one after another, in arrival order', async () => {
    const { client, server } = await fake();
    await Promise.all([evaluated(client, [system, question]), evaluated(client, followUp)]);
    const chats = server.requests.filter((r) => r.path === '/api/chat');
    expect(chats).toHaveLength(2);
    expect(chats[1]!.cpu!.slotAt).toBeGreaterThanOrEqual(chats[0]!.finishedAt!);
  });
});
