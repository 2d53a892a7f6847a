import { describe, expect, it } from 'vitest';
import { cacheRefusal, isSemanticMatchSafe, isTimeSensitive, mentionedNumbers, refersToConversation } from '../../../src/main/core/store/response-cache-rules';
import type { ResponseQuery } from '../../../src/main/core/store/types';
import type { Language } from '../../../src/shared/turn';

const query = (question: string, patch: Partial<ResponseQuery> = {}): ResponseQuery => ({
  question,
  language: 'en',
  model: 'llama3.2:3b',
  systemPrompt: 'You are Earshot.',
  usedContext: false,
  ...patch,
});

describe('never cache, never serve', () => {
  it('refuses answers that used memories or conversation context', () => {
    expect(cacheRefusal(query('What is my dog called?', { usedContext: true }))).toBe('used_context');
  });

  it('refuses empty questions and empty replies', () => {
    expect(cacheRefusal(query('?!'))).toBe('empty');
    expect(cacheRefusal(query('What is a lemur?'), '  ')).toBe('empty');
  });

  const timeQuestions: Array<[Language, string]> = [
    ['en', 'What time is it?'],
    ["en", "What's the date today?"],
    ['en', 'What day is it'],
    ['en', 'Is it going to rain tomorrow?'],
    ['en', 'What is happening right now?'],
    ['en', 'What are the latest headlines?'],
    ['en', 'Who is the current president?'],
    ['en', 'What should I do this weekend?'],
    ['en', 'What time is it in Tokyo'],
    ['pt', 'Que horas são?'],
    ['pt', 'Que dia é hoje?'],
    ['pt', 'O que vou fazer amanhã?'],
    ['pt', 'Qual é a data?'],
    ['pt', 'Quem é o presidente atual?'],
    ['pt', 'O que está a acontecer agora?'],
    ['pt', 'Que horas são em Lisboa'],
  ];
  it.each(timeQuestions)('refuses a time or date question (%s) "%s"', (language, question) => {
    expect(isTimeSensitive(question, language)).toBe(true);
    expect(cacheRefusal(query(question, { language }))).toBe('time_sensitive');
  });

  const timeless: Array<[Language, string]> = [
    ['en', 'What is the capital of France?'],
    ['en', 'How many days are in a leap year?'],
    ['en', 'Explain what a time zone is'],
    ['en', 'How many times does the heart beat in a minute?'],
    ['pt', 'Qual é a capital de Portugal?'],
    ['pt', 'Quantas horas tem um dia?'],
  ];
  it.each(timeless)('allows a timeless question (%s) "%s"', (language, question) => {
    expect(cacheRefusal(query(question, { language }), 'An answer.')).toBeNull();
  });
});

describe('semantic match safety', () => {
  it('rejects a match whose negation differs', () => {
    expect(isSemanticMatchSafe('Turn on the lights', 'Turn off the lights', 'en')).toBe(false);
    expect(isSemanticMatchSafe('Is a tomato a fruit?', "Isn't a tomato a fruit?", 'en')).toBe(false);
    expect(isSemanticMatchSafe('Should I water cactus daily', 'Should I never water cactus daily', 'en')).toBe(false);
    expect(isSemanticMatchSafe('Liga a luz', 'Desliga a luz', 'pt')).toBe(false);
    expect(isSemanticMatchSafe('Posso comer isto?', 'Não posso comer isto?', 'pt')).toBe(false);
  });

  it('rejects a match whose numbers differ, in digits or words', () => {
    expect(isSemanticMatchSafe('Set a timer for 5 minutes', 'Set a timer for 15 minutes', 'en')).toBe(false);
    expect(isSemanticMatchSafe('Set a timer for five minutes', 'Set a timer for 15 minutes', 'en')).toBe(false);
    expect(isSemanticMatchSafe('What is 12 times 3', 'What is 12 times 4', 'en')).toBe(false);
    expect(isSemanticMatchSafe('Converte dois quilos em libras', 'Converte três quilos em libras', 'pt')).toBe(false);
  });

  it('accepts rewordings with the same numbers and polarity', () => {
    expect(isSemanticMatchSafe('Set a timer for five minutes', 'set a timer for 5 minutes please', 'en')).toBe(true);
    expect(isSemanticMatchSafe('Tell me the capital of France', 'What is the capital of France?', 'en')).toBe(true);
  });

  it('reads numbers written as digits and as words alike, in the order they are said', () => {
    expect(mentionedNumbers('timer for five minutes and 2.5 hours')).toEqual([5, 2.5]);
    expect(mentionedNumbers('dois cafés e vinte pães')).toEqual([2, 20]);
    expect(mentionedNumbers('como fazer um bolo')).toEqual([]); // "um" is the article here
  });

  it('does not serve an answer to a question whose words or numbers come the other way round, or in another tense', () => {
    expect(isSemanticMatchSafe('What is 10 divided by 2?', 'What is 2 divided by 10?', 'en')).toBe(false);
    expect(isSemanticMatchSafe('Converta 5 milhas em quilômetros', 'Converta 5 quilômetros em milhas', 'pt')).toBe(false);
    expect(isSemanticMatchSafe('Quem foi o presidente do Brasil?', 'Quem é o presidente do Brasil?', 'pt')).toBe(false);
    expect(isSemanticMatchSafe('Who was the president of France?', 'Who is the president of France?', 'en')).toBe(false);
    // Rewordings still match.
    expect(isSemanticMatchSafe('Como fazer bolo de cenoura?', 'Como fazer um bolo de cenoura?', 'pt')).toBe(true);
    expect(isSemanticMatchSafe('What is the capital of France?', "What's the capital of France, please?", 'en')).toBe(true);
  });

  it('never caches a question about the user or this conversation: its answer comes from what they said', () => {
    for (const [q, l] of [
      ['Qual é o meu nome?', 'pt'],
      ['Onde eu moro?', 'pt'],
      ['Resuma a nossa conversa', 'pt'],
      ["What's my name?", 'en'],
      ['Can you summarize our conversation?', 'en'],
      ['Repeat your last answer', 'en'],
    ] as const) {
      expect(refersToConversation(q, l), q).toBe(true);
    }
    expect(refersToConversation('Qual é a capital da França?', 'pt')).toBe(false);
    expect(refersToConversation('Why is the sky blue?', 'en')).toBe(false);
    expect(refersToConversation('Why do we have leap years?', 'en')).toBe(false);
    expect(refersToConversation('Quantos planetas tem o nosso sistema solar?', 'pt')).toBe(false);
  });
});
