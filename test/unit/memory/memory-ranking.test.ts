import { describe, expect, it } from 'vitest';
import { rankMemories, standingMemories } from '../../../src/main/core/memory/memory-ranking';
import type { StoredMemory } from '../../../src/main/core/memory/memory-store';

let nextId = 1;
const memory = (text: string, kind: 'profile' | 'fact' = 'fact', embedding: number[] | null = null): StoredMemory => ({
  id: nextId++,
  text,
  kind,
  sourceTurnId: null,
  createdAt: 0,
  updatedAt: 0,
  embedding: embedding ? Float32Array.from(embedding) : null,
  embedderId: embedding ? 'm' : null,
});

describe('rankMemories', () => {
  const memories = [
    memory("The user's name is Ana", 'profile'),
    memory('The user has a dog called Rex', 'fact', [1, 0, 0]),
    memory('The user is learning the piano', 'fact', [0, 1, 0]),
    memory('The user drives a blue car', 'fact', [0, 0, 1]),
  ];

  it('always includes profile facts, then the relevant facts by embedding', () => {
    const result = rankMemories({ text: 'what should I feed my pet', language: 'en', embedding: Float32Array.from([0.9, 0.1, 0]), embedderId: 'm' }, memories);
    expect(result.texts).toEqual(["The user's name is Ana", 'The user has a dog called Rex']);
    expect(result.relevant).toEqual(['The user has a dog called Rex']);
  });

  it('matches by words when there is no embedding', () => {
    const { texts } = rankMemories({ text: "What's my dog called?", language: 'en', embedding: null, embedderId: 'none' }, memories);
    expect(texts).toContain('The user has a dog called Rex');
    expect(texts).not.toContain('The user drives a blue car');
  });

  it('leaves out facts unrelated to the question, and says none is relevant', () => {
    const result = rankMemories({ text: 'How far is the moon?', language: 'en', embedding: null, embedderId: 'none' }, memories);
    expect(result).toEqual({ texts: ["The user's name is Ana"], relevant: [] });
  });

  it('counts a profile fact as relevant when the question is about it', () => {
    expect(rankMemories({ text: 'What is my name?', language: 'en', embedding: null, embedderId: 'none' }, memories).relevant).toEqual(["The user's name is Ana"]);
  });

  it('puts a profile fact the question is about in the prompt even when there are more than fit', () => {
    const many = [memory("The user's name is Ana", 'profile'), ...Array.from({ length: 7 }, (_, i) => memory(`The user likes hobby number ${i} a lot`, 'profile'))];
    const result = rankMemories({ text: 'What is my name?', language: 'en', embedding: null, embedderId: 'm' }, many);
    expect(result.relevant).toContain("The user's name is Ana");
    for (const text of result.relevant) expect(result.texts).toContain(text);
  });

  it('starts the notes with the standing profile facts, whatever the question, so a prefill of them is reused', () => {
    const many = [memory("The user's name is Ana", 'profile'), ...Array.from({ length: 7 }, (_, i) => memory(`The user likes hobby number ${i} a lot`, 'profile')), ...memories.slice(1)];
    const standing = standingMemories(many);
    expect(standing).toHaveLength(6);
    expect(standing).not.toContain("The user's name is Ana"); // older than the newest six
    for (const question of ['What is my name?', 'How far is the moon?', 'What should I feed my dog?']) {
      const { texts } = rankMemories({ text: question, language: 'en', embedding: null, embedderId: 'none' }, many);
      expect(texts.slice(0, standing.length)).toEqual(standing);
    }
    // The older fact the question is about still comes along, after them.
    expect(rankMemories({ text: 'What is my name?', language: 'en', embedding: null, embedderId: 'none' }, many).texts).toContain("The user's name is Ana");
  });

  it('puts an asked-about older profile fact first when the standing ones would leave no room for it', () => {
    // Five of these (≈ 240 characters each) fill the 1200-character budget on their own.
    const long = (i: number) => memory(`The user likes hobby number ${i} ${'a lot '.repeat(35)}`.trim(), 'profile');
    const many = [memory("The user's name is Ana", 'profile'), ...Array.from({ length: 6 }, (_, i) => long(i))];
    const { texts } = rankMemories({ text: 'What is my name?', language: 'en', embedding: null, embedderId: 'none' }, many);
    expect(texts[0]).toBe("The user's name is Ana");
  });
});
