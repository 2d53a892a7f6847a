import { describe, expect, it } from 'vitest';
import { SentenceSplitter } from '../../../src/main/core/speech/sentence-splitter';
import { CodeFenceFilter, CODE_POINTER, speakableText } from '../../../src/main/core/speech/speakable-text';

describe('speakableText', () => {
  it('drops emphasis, heading and link marks but keeps the words', () => {
    expect(speakableText('## Your **plan** for _today_', 'en')).toBe('Your plan for today.');
    expect(speakableText('See [the docs](https://example.com/x) first.', 'en')).toBe('See the docs first.');
  });

  it('turns list items into sentences', () => {
    expect(speakableText('- buy milk\n- call Ana\n1. rest', 'en')).toBe('buy milk. call Ana. rest.');
  });

  it('keeps short word-like inline code and drops symbol soup', () => {
    expect(speakableText('Run `npm start` now.', 'en')).toBe('Run npm start now.');
    expect(speakableText('Use `x => x.map((y) => y * 2)` here.', 'en')).toBe('Use here.');
  });

  it('says one pointer instead of reading a code block, in the reply language', () => {
    expect(speakableText('```js\nconst a = [1, 2];\n```', 'pt')).toBe(CODE_POINTER.pt);
  });

  it('never speaks raw HTML', () => {
    expect(speakableText('Hi <b onclick="x()">there</b>', 'en')).toBe('Hi there');
  });
});

describe('CodeFenceFilter over a streamed reply', () => {
  const reply = 'Here you go:\n```python\nprint("a. b. c.")\nx = 1\n```\nThat is all.';

  function speak(chunks: string[]): string[] {
    const fences = new CodeFenceFilter('en');
    const splitter = new SentenceSplitter({ language: 'en' });
    const sentences = [...chunks.flatMap((c) => splitter.push(fences.push(c))), ...splitter.push(fences.flush()), ...splitter.flush()];
    return sentences.map((s) => speakableText(s, 'en')).filter((s) => s !== '');
  }

  it('says one pointer for a code block and goes on after it', () => {
    expect(speak([reply]).join(' ')).toBe(`Here you go: ${CODE_POINTER.en} That is all.`);
  });

  it('does the same when the reply arrives a few characters at a time', () => {
    const chunks = reply.match(/[\s\S]{1,3}/g) ?? [];
    expect(speak(chunks).join(' ')).toBe(`Here you go: ${CODE_POINTER.en} That is all.`);
  });

  it('lets text without code through unchanged, as it comes', () => {
    const fences = new CodeFenceFilter('en');
    expect(fences.push('Hello there, ')).toBe('Hello there, ');
    expect(fences.push('friend.\n  `x` is fine')).toBe('friend.\n  `x` is fine');
  });
});
