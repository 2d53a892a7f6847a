import { describe, expect, it } from 'vitest';
import { extractionPrompt, parseFacts } from '../../../src/main/core/memory/fact-extractor';

describe('fact extraction', () => {
  it('keeps the listed facts and drops "none", chatter and duplicates', () => {
    const answer = 'Here are the facts:\n- The user is called Ana.\n* The user has a dog named Rex.\n- The user is called Ana.\n1. The user lives in Recife.\n';
    expect(parseFacts(answer)).toEqual(['The user is called Ana.', 'The user has a dog named Rex.', 'The user lives in Recife.']);
    expect(parseFacts('- none')).toEqual([]);
    expect(parseFacts('- Nenhum.')).toEqual([]);
  });

  it('puts every turn of the batch into one prompt', () => {
    const turns = [1, 2, 3].map((i) => ({ id: `t${i}`, at: i, transcript: `question ${i}`, reply: `answer ${i}`, language: 'en' as const, complete: true }));
    const prompt = extractionPrompt(turns);
    expect(prompt).toHaveLength(2);
    for (const i of [1, 2, 3]) expect(prompt[1]?.content).toContain(`question ${i}`);
  });

  it('drops the ways a model says there is nothing, in English and Portuguese', () => {
    const answer = ['- Nenhum fato.', '- Nenhuma', '- Nada a registrar.', '- nenhum fato relevante', '- Não há fatos.', '- No facts.', '- None found.', '- (none)', '- **none**', '- Nothing to remember.', '- O usuário mora em Recife.'].join('\n');
    expect(parseFacts(answer)).toEqual(['O usuário mora em Recife.']);
  });
});
