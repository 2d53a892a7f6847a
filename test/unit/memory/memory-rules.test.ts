import { describe, expect, it } from 'vitest';
import { classifyFact, isDuplicateFact, isSmallTalk, isWorthExtracting, retrievalQuery } from '../../../src/main/core/memory/memory-rules';
import { turn } from '../../support/store-fixtures';

describe('memory rules', () => {
  it.each(['Hello!', 'Hi there, Earshot', 'Thanks a lot', 'Good morning', 'How are you doing?', 'Olá!', 'Bom dia', 'Obrigada', 'Tudo bem?', 'Tchau'])(
    'treats "%s" as small talk',
    (text) => expect(isSmallTalk(text, /[ãáç]|ol|bom|obrig|tudo|tchau/i.test(text) ? 'pt' : 'en')).toBe(true),
  );

  it('does not treat a question or a statement about the user as small talk', () => {
    expect(isSmallTalk('Hello, my name is Ana', 'en')).toBe(false);
    expect(isSmallTalk('What is the capital of France?', 'en')).toBe(false);
  });

  it('extracts only from turns where the user speaks of themself', () => {
    expect(isWorthExtracting(turn(1, { transcript: 'I live in Porto and I have a dog called Rex' }))).toBe(true);
    expect(isWorthExtracting(turn(2, { transcript: 'Eu moro em Lisboa', language: 'pt' }))).toBe(true);
    expect(isWorthExtracting(turn(3, { transcript: 'What is the capital of France?' }))).toBe(false);
    expect(isWorthExtracting(turn(4, { transcript: 'Thanks!' }))).toBe(false);
  });

  it('files name, home, work and preferences as profile facts', () => {
    expect(classifyFact("The user's name is Ana")).toBe('profile');
    expect(classifyFact('The user lives in Porto')).toBe('profile');
    expect(classifyFact('The user prefers metric units')).toBe('profile');
    expect(classifyFact('O utilizador mora em Lisboa')).toBe('profile');
    expect(classifyFact('The user has a dentist appointment on Friday')).toBe('fact');
  });

  it('spots a fact that repeats a kept one', () => {
    expect(isDuplicateFact('The user lives in Porto.', ['the user lives in porto'])).toBe(true);
    expect(isDuplicateFact('The user lives in Lisbon', ['The user lives in Porto'])).toBe(false);
  });

  it('retrieves a short follow-up together with the previous question', () => {
    const recent = [turn(1, { transcript: 'What does my sister like to eat?' })];
    expect(retrievalQuery('and her husband?', recent)).toBe('What does my sister like to eat? and her husband?');
    expect(retrievalQuery('What is my favourite colour?', recent)).toBe('What is my favourite colour?');
  });

  it('hears Portuguese facts said without "eu", and not small talk with "comigo"', () => {
    for (const transcript of ['Prefiro respostas curtas', 'Estou morando em Recife agora', 'Amanhã vou ao dentista às três']) {
      expect(isWorthExtracting(turn(9, { transcript, language: 'pt' })), transcript).toBe(true);
    }
    expect(isWorthExtracting(turn(10, { transcript: 'Tudo bem comigo, e você?', language: 'pt' }))).toBe(false);
  });
});
