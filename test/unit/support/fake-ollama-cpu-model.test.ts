// The fake Ollama's CPU model decides what a prompt costs: only the tokens after the prefix its one
// slot still holds, and never fewer than one.
import { describe, expect, it } from 'vitest';
import { approximateTokens, cancelledPrefill, chatPromptTokens, KvSlot, PREFILL_BATCH_TOKENS, tokensToEvaluate } from '../../support/fake-ollama-cpu-model';

const system = { role: 'system', content: 'You are Earshot, a concise offline voice assistant. Answer in two or three short sentences.' };
const turn1 = [system, { role: 'user', content: 'What is the tallest mountain in Africa?' }];
const turn2 = [
  system,
  { role: 'user', content: 'What is the tallest mountain in Africa?' },
  { role: 'assistant', content: 'Kilimanjaro, at 5,895 metres.' },
  { role: 'user', content: 'How long does it take to climb?' },
];

describe('fake Ollama CPU model', () => {
  it('charges a fresh slot for the whole prompt', () => {
    const slot = new KvSlot();
    expect(slot.startPrompt(chatPromptTokens(turn1))).toBe(chatPromptTokens(turn1).length);
  });

  it('charges the next turn only for what follows the shared prefix, reply included', () => {
    const slot = new KvSlot();
    slot.startPrompt(chatPromptTokens(turn1));
    const reply = [...approximateTokens('Kilimanjaro, at 5,895 metres.'), '<|eot_id|>'];
    slot.generated(reply);
    const full = chatPromptTokens(turn2).length;
    // Only the new user message and the header of the reply to come.
    expect(slot.startPrompt(chatPromptTokens(turn2))).toBe(full - chatPromptTokens(turn1).length - reply.length);
    expect(full - chatPromptTokens(turn1).length - reply.length).toBeLessThan(20);
  });

  it('loses the prefix when another request used the slot in between', () => {
    const slot = new KvSlot();
    slot.startPrompt(chatPromptTokens(turn1));
    slot.startPrompt(chatPromptTokens([{ role: 'user', content: 'List facts about the user in this conversation.' }]));
    expect(slot.startPrompt(chatPromptTokens(turn2))).toBeGreaterThan(chatPromptTokens(turn2).length - 3);
  });

  it('evaluates at least one token even for a prompt it holds whole', () => {
    expect(tokensToEvaluate(['a', 'b'], ['a', 'b'])).toBe(1);
    expect(tokensToEvaluate(['a', 'b', 'c'], ['a', 'b'])).toBe(1);
    expect(tokensToEvaluate([], [])).toBe(0);
  });

  it('serves requests one at a time, in the order they came', async () => {
    const slot = new KvSlot();
    const order: string[] = [];
    const first = await slot.acquire();
    const second = slot.acquire().then((release) => {
      order.push('second');
      release();
    });
    const third = slot.acquire().then((release) => {
      order.push('third');
      release();
    });
    await Promise.resolve();
    order.push('first done');
    first();
    await Promise.all([second, third]);
    expect(order).toEqual(['first done', 'second', 'third']);
  });
});

describe('fake Ollama CPU model: a prefill whose client went away', () => {
  const msPerToken = 10;

  it('finishes the batch under way, keeps it, and frees the slot when it is done', () => {
    // 1200 new tokens, cancelled 100 tokens into the second 512-token batch.
    expect(cancelledPrefill(1200, (PREFILL_BATCH_TOKENS + 100) * msPerToken, msPerToken)).toEqual({
      kept: 2 * PREFILL_BATCH_TOKENS,
      busyMs: (PREFILL_BATCH_TOKENS - 100) * msPerToken,
    });
  });

  it('keeps no more than the prompt when the last batch is short', () => {
    expect(cancelledPrefill(300, 50 * msPerToken, msPerToken)).toEqual({ kept: 300, busyMs: 250 * msPerToken });
  });

  it('changes nothing once the prefill was over (the reply was being generated)', () => {
    expect(cancelledPrefill(300, 300 * msPerToken, msPerToken)).toBeNull();
  });

  it('leaves the slot with the finished batches only, so the next prompt pays for the rest', () => {
    const slot = new KvSlot();
    const prompt = Array.from({ length: 1200 }, (_, i) => `t${i}`);
    slot.startPrompt(prompt);
    slot.keepFirst(PREFILL_BATCH_TOKENS);
    expect(slot.startPrompt(prompt)).toBe(1200 - PREFILL_BATCH_TOKENS);
  });
});
