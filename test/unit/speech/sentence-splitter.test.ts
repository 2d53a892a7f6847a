import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { endsWithAbbreviation, SentenceSplitter } from '../../../src/main/core/speech/sentence-splitter';

/** Feeds text the way an LLM streams it: a few characters at a time. */
function stream(splitter: SentenceSplitter, text: string, step = 3): { sentences: string[]; whenComplete: number[] } {
  const sentences: string[] = [];
  const whenComplete: number[] = [];
  for (let i = 0; i < text.length; i += step) {
    for (const s of splitter.push(text.slice(i, i + step))) {
      sentences.push(s);
      whenComplete.push(Math.min(i + step, text.length));
    }
  }
  for (const s of splitter.flush()) {
    sentences.push(s);
    whenComplete.push(text.length);
  }
  return { sentences, whenComplete };
}

describe('SentenceSplitter (en)', () => {
  it('emits each sentence as soon as the next one starts, and the tail on flush', () => {
    const text = 'The sky is blue. It scatters short wavelengths! Does that help? Sure';
    const { sentences, whenComplete } = stream(new SentenceSplitter({ language: 'en' }), text);
    expect(sentences).toEqual(['The sky is blue.', 'It scatters short wavelengths!', 'Does that help?', 'Sure']);
    // The first sentence is out long before the reply ends.
    expect(whenComplete[0]).toBeLessThan(24);
  });

  it('does not split at abbreviations, initials or decimals', () => {
    const text = 'Dr. Smith met J. Doe at 3 p.m. today. It cost 3.5 dollars. Done.';
    const { sentences } = stream(new SentenceSplitter({ language: 'en' }), text);
    expect(sentences).toEqual(['Dr. Smith met J. Doe at 3 p.m. today.', 'It cost 3.5 dollars.', 'Done.']);
  });

  it('lets a short first clause go early, but only the first', () => {
    const text = 'Well, the short answer is yes, because light scatters. Later, more clauses, here.';
    const { sentences } = stream(new SentenceSplitter({ language: 'en' }), text, 1);
    expect(sentences[0]).toBe('Well, the short answer is yes,');
    expect(sentences[1]).toBe('because light scatters.');
    expect(sentences[2]).toBe('Later, more clauses, here.');
  });

  it('does not emit a clause that is too short to be worth speaking alone', () => {
    const { sentences } = stream(new SentenceSplitter({ language: 'en' }), 'Yes, it is. Good.', 1);
    expect(sentences).toEqual(['Yes, it is.', 'Good.']);
  });

  it('cuts a run-on reply without punctuation at a word break', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`).join(' ');
    const { sentences } = stream(new SentenceSplitter({ language: 'en', maxSentenceChars: 100 }), words, 5);
    expect(sentences.length).toBeGreaterThan(3);
    for (const s of sentences) expect(s.length).toBeLessThanOrEqual(100);
    expect(sentences.join(' ')).toBe(words);
  });

  it('drops empty and punctuation-only pieces', () => {
    const { sentences } = stream(new SentenceSplitter({ language: 'en' }), 'Hi there.\n\n...\n\nBye now.');
    expect(sentences).toEqual(['Hi there.', 'Bye now.']);
  });
});

describe('SentenceSplitter (pt-BR)', () => {
  it('splits Portuguese sentences and keeps Sr./Dra. abbreviations inside', () => {
    const text = 'Olá! O Sr. Silva e a Dra. Souza chegaram às três horas. Você quer saber mais? Posso ajudar.';
    const { sentences } = stream(new SentenceSplitter({ language: 'pt' }), text);
    expect(sentences).toEqual([
      'Olá!',
      'O Sr. Silva e a Dra. Souza chegaram às três horas.',
      'Você quer saber mais?',
      'Posso ajudar.',
    ]);
  });

  it('ends a sentence at "é." (not an initial), and keeps séc./Sta./aprox. inside theirs', () => {
    const splitter = new SentenceSplitter({ language: 'pt' });
    const words = 'Você sabe o que é. Eu também sei disso desde cedo.'.split(/(?<= )/);
    const heard: Array<[string, string[]]> = words.map((word) => [word, splitter.push(word)]);
    // Spoken as soon as "é." arrives, not when the whole reply is done.
    expect(heard.find(([, out]) => out.length > 0)).toEqual(['é. ', ['Você sabe o que é.']]);
    expect([...heard.flatMap(([, out]) => out), ...splitter.flush()]).toEqual(['Você sabe o que é.', 'Eu também sei disso desde cedo.']);
    const { sentences } = stream(new SentenceSplitter({ language: 'pt' }), 'Sim. Ele nasceu no séc. XIX perto da Sta. Cecília. Tem aprox. cem anos de história.');
    expect(sentences).toEqual(['Sim.', 'Ele nasceu no séc. XIX perto da Sta. Cecília.', 'Tem aprox. cem anos de história.']);
  });

  it('keeps accented words intact across token boundaries', () => {
    const { sentences } = stream(new SentenceSplitter({ language: 'pt' }), 'A ação começou. Não há pressão.', 1);
    expect(sentences).toEqual(['A ação começou.', 'Não há pressão.']);
  });
});

describe('endsWithAbbreviation', () => {
  it('knows language-specific abbreviations', () => {
    expect(endsWithAbbreviation('Fale com a Sra. ', 'pt')).toBe(true);
    expect(endsWithAbbreviation('Fale com a Sra. ', 'en')).toBe(false);
    expect(endsWithAbbreviation('It is over. ', 'en')).toBe(false);
  });
});

describe('SentenceSplitter: the first piece comes out as early as it can (issue 6)', () => {
  it('emits a sentence as soon as its full stop arrives, without waiting for the next word', () => {
    const splitter = new SentenceSplitter({ language: 'en' });
    expect(splitter.push('The sky is blue.')).toEqual(['The sky is blue.']);
    expect(splitter.push(' Why?')).toEqual(['Why?']);
  });

  it('cuts the first clause the moment its comma, or the word opening the next clause, arrives', () => {
    const comma = new SentenceSplitter({ language: 'en' });
    expect(comma.push('Well, the short answer is yes,')).toEqual(['Well, the short answer is yes,']);
    const opener = new SentenceSplitter({ language: 'en' });
    expect(opener.push('The sky looks blue')).toEqual([]);
    expect(opener.push(' because')).toEqual(['The sky looks blue']);
    const number = new SentenceSplitter({ language: 'en' });
    expect(number.push('The stadium seats about 70,')).toEqual([]);
  });

  it('still waits after an abbreviation, an initial or a number', () => {
    for (const text of ['Ask Dr.', 'It was J.', 'It costs 3.', 'Say e.g.', 'Born in the U.S.']) {
      expect(new SentenceSplitter({ language: 'en' }).push(text)).toEqual([]);
    }
  });

  it('starts a long first sentence at a clause or phrase break, and leaves short ones whole', () => {
    const split = (text: string) => stream(new SentenceSplitter({ language: 'en' }), text, 1).sentences;
    expect(split('The sky looks blue because air scatters blue light. At sunset it turns red.')).toEqual([
      'The sky looks blue',
      'because air scatters blue light.',
      'At sunset it turns red.',
    ]);
    expect(split('Leonardo da Vinci painted the Mona Lisa in the early fifteen hundreds. It hangs in the Louvre.')).toEqual([
      'Leonardo da Vinci painted the Mona Lisa',
      'in the early fifteen hundreds.',
      'It hangs in the Louvre.',
    ]);
    expect(split('The tower was built in 1889. It is tall.')).toEqual(['The tower was built in 1889.', 'It is tall.']);
    expect(split('Most adults need between seven and nine hours a night. Teens need more.')).toEqual([
      'Most adults need between seven and nine hours a night.',
      'Teens need more.',
    ]);
  });

  it('splits a reply the same way whether it streams in or arrives whole, so a repeated answer finds its audio in the TTS cache', () => {
    const replies = [
      'Mount Everest is the tallest mountain above sea level, at about eight thousand metres. It sits in Nepal.',
      'Well, the short answer is yes, because light scatters. Later, more clauses, here.',
      'Sure, water boils at one hundred degrees at sea level. Higher up it boils sooner.',
      'Dr. Smith met J. Doe at 3 p.m. today. It cost 3.5 dollars. Done.',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...replies), fc.integer({ min: 1, max: 12 }), (text, step) => {
        const whole = new SentenceSplitter({ language: 'en' });
        const atOnce = [...whole.push(text), ...whole.flush()];
        expect(stream(new SentenceSplitter({ language: 'en' }), text, step).sentences).toEqual(atOnce);
      }),
    );
  });
});
