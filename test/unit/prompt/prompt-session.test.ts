import { describe, expect, it } from 'vitest';
import { PromptSession } from '../../../src/main/core/prompt/prompt-session';
import { turn } from '../../support/store-fixtures';

const base = { systemPrompt: 'You are Earshot.', history: [turn(1), turn(2)], contextTokens: 2048, reserveTokens: 300 };
const standing = ['The user is vegetarian.', 'The user has a daughter, Ana.'];

describe('PromptSession.prefix: what is prefilled while the user speaks', () => {
  it('ends with the standing memories’ notes, which the turn’s own message then starts with', () => {
    const session = new PromptSession();
    const prefix = session.prefix({ ...base, standingMemories: standing });
    expect(prefix.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    const notes = prefix.messages.at(-1)!.content;
    expect(notes).toContain('"The user is vegetarian."');

    const built = session.build({ ...base, memories: [...standing, 'The user likes hiking.'], userMessage: 'What should I cook tonight?' });
    expect(built.slice(0, -1)).toEqual(prefix.messages.slice(0, -1));
    const last = built.at(-1)!.content;
    expect(last.startsWith(notes.trimEnd())).toBe(true);
    expect(last.endsWith('What should I cook tonight?')).toBe(true);
  });

  it('ends with the history when there are no standing memories', () => {
    const prefix = new PromptSession().prefix({ ...base, standingMemories: [] });
    expect(prefix.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user', 'assistant']);
  });
});
