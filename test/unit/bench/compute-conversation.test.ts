// The compute-real conversation holds every case where Ollama's slot loses the prompt prefix, and the
// fake chat model answers it as the benchmark needs.
import { describe, expect, it } from 'vitest';
import { computeReplyFor, EXTRACTED_FACTS, plannedTurn, SEEDED_HISTORY } from '../../../bench/compute-conversation';
import { extractionPrompt } from '../../../src/main/core/memory/fact-extractor';

describe('compute-real conversation', () => {
  it('starts after launch, then tells Earshot about the user and pauses, then asks fresh questions', () => {
    const turns = Array.from({ length: 10 }, (_, i) => plannedTurn(i));
    expect(turns.map((t) => t.case).slice(0, 4)).toEqual(['after-launch', 'about-user', 'about-user', 'plain']);
    expect(turns.filter((t) => t.quietAfter).map((t) => turns.indexOf(t))).toEqual([2]);
    expect(turns.filter((t) => !t.cacheable).map((t) => t.case)).toEqual(['about-user', 'about-user']);
    const questions = turns.map((t) => t.question);
    expect(new Set(questions).size).toBe(10);
    expect(questions.some((q) => SEEDED_HISTORY.some((e) => e.question === q))).toBe(false);
  });

  it('answers each question with its reply, and an extraction over the turns about the user with facts', () => {
    const about = plannedTurn(1);
    expect(computeReplyFor([{ role: 'user', content: about.question }])).toBe(about.reply);
    const prompt = extractionPrompt([{ id: 't', at: 0, transcript: about.question, reply: about.reply, language: 'en', complete: true }]);
    expect(computeReplyFor(prompt)).toBe(EXTRACTED_FACTS);
    const other = plannedTurn(4);
    expect(computeReplyFor(extractionPrompt([{ id: 't', at: 0, transcript: other.question, reply: other.reply, language: 'en', complete: true }]))).toBe('- none');
  });
});
