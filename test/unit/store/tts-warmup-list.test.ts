import { describe, expect, it } from 'vitest';
import { frequentSentences, pipelineSplitter, warmupSentences } from '../../../src/main/core/speech/tts-warmup';
import type { WarmupPhrases } from '../../../src/main/core/speech/warmup-phrases';

const phrases: WarmupPhrases = {
  language: 'en',
  spokenErrors: { llm_unreachable: "I can't reach the language model. Please check that Ollama is running." },
  phrases: ['Hello!', 'How can I help?', 'Hello! How can I help?'],
};

describe('warm-up list', () => {
  it('puts spoken errors first, splits them into sentences, and drops repeats', () => {
    expect(warmupSentences(phrases, [], 'en', pipelineSplitter, 20)).toEqual([
      "I can't reach the language model.",
      'Please check that Ollama is running.',
      'Hello!',
      'How can I help?',
    ]);
  });

  it('honours the per-language limit before splitting', () => {
    expect(warmupSentences(phrases, [], 'en', pipelineSplitter, 2)).toEqual(["I can't reach the language model.", 'Please check that Ollama is running.', 'Hello!']);
  });

  it('adds sentences said often in past replies, most frequent first', () => {
    const replies = ['Sure! Paris is the capital of France.', 'Sure! It is sunny.', 'Sure! Done.', 'Done.', 'Once only.'];
    expect(frequentSentences(replies, 'en', pipelineSplitter, 10)).toEqual(['Sure!', 'Done.']);
    expect(warmupSentences(phrases, ['Sure!', 'Hello!'], 'en', pipelineSplitter, 20).slice(-1)).toEqual(['Sure!']);
  });

  it('warms the words a Markdown reply is spoken as, not its marks or its code', () => {
    const reply = '## Steps\n\n1. **Open** the *file*.\n2. Run it:\n\n```sh\nnpm start\n```\n\nDone.';
    const spoken = pipelineSplitter(reply, 'en');
    expect(spoken.join(' ')).not.toMatch(/[*#`]|npm start/);
    expect(spoken).toContain('Done.');
    expect(spoken.some((s) => s.includes('Open the file'))).toBe(true);
    // Past replies repeated often are warmed as the same speakable sentences.
    expect(frequentSentences([reply, reply], 'en', pipelineSplitter, 10)).toEqual(spoken);
  });
});
