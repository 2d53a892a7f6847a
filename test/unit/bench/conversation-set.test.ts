import { describe, expect, it } from 'vitest';
import { EXCHANGES, exchangeFor, replyFor, WARM_UP } from '../../../bench/conversation-set';
import { fitPrompt } from '../../../src/main/core/prompt/prompt-budget';
import { SentenceSplitter } from '../../../src/main/core/speech/sentence-splitter';
import { cacheRefusal } from '../../../src/main/core/store/response-cache-rules';

const sentences = (text: string) => {
  const splitter = new SentenceSplitter({ language: 'en', firstClauseMinWords: 1000 });
  return [...splitter.push(text), ...splitter.flush()];
};

describe('the benchmark conversation set', () => {
  it('has thirty distinct questions, each one the response cache may keep', () => {
    const questions = [...EXCHANGES, WARM_UP].map((e) => e.question);
    expect(EXCHANGES).toHaveLength(30);
    expect(new Set(questions).size).toBe(questions.length);
    for (const question of questions) {
      expect(cacheRefusal({ question, language: 'en', model: 'm', systemPrompt: 's', usedContext: false })).toBeNull();
    }
  });

  it('answers with three sentences, none of them repeated anywhere, so each measured turn misses the TTS cache', () => {
    const all = [...EXCHANGES, WARM_UP].flatMap((e) => sentences(e.reply));
    for (const exchange of EXCHANGES) expect(sentences(exchange.reply)).toHaveLength(3);
    expect(new Set(all).size).toBe(all.length);
  });

  it('finds the reply for a question, and none for anything else', () => {
    expect(replyFor(EXCHANGES[3]!.question)).toBe(EXCHANGES[3]!.reply);
    expect(replyFor(WARM_UP.question)).toBe(WARM_UP.reply);
    expect(replyFor('From the conversation below, list lasting facts')).toBeNull();
    expect(exchangeFor(31)).toBe(EXCHANGES[1]);
  });

  it('answers a question the turn sent with recalled memories quoted ahead of it', () => {
    const asked = fitPrompt({ systemPrompt: 'S', history: [], memories: ['The user is vegetarian.'], userMessage: EXCHANGES[0]!.question, reserveTokens: 100 });
    expect(replyFor(asked.at(-1)!.content)).toBe(EXCHANGES[0]!.reply);
  });
});
