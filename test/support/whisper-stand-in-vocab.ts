// The Whisper stand-in's vocabulary (whisper-stand-in.ts): byte-level BPE with merge chains for the
// words the model says, Whisper's control tokens, and the tokenizer.json that carries them.
import { toByteLevel } from '../../src/main/core/engines/stt/byte-level-alphabet';

export const LANGUAGES = ['en', 'de', 'es', 'pt'] as const;
const utf8 = (s: string) => toByteLevel(new TextEncoder().encode(s));
export const SCRIPTS = {
  en: [' hello', ' world'].map(utf8),
  // "olá," is cut inside "á" (0xC3 0xA1): decoding must join bytes before reading UTF-8.
  pt: [toByteLevel(Uint8Array.from([0x20, 0x6f, 0x6c, 0xc3])), toByteLevel(Uint8Array.from([0xa1, 0x2c])), utf8(' tudo'), utf8(' bem')],
};
export const TRAP_WORD = utf8(' word');

/** Byte-level BPE vocabulary: 256 byte tokens, merge chains for the script words, then specials. */
export function buildVocabulary() {
  const vocab = new Map<string, number>();
  const alphabet = toByteLevel(Uint8Array.from({ length: 256 }, (_, b) => b));
  // GPT-2 order: printable bytes first (as the alphabet's code points sort), then the rest.
  [...alphabet].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).forEach((ch) => vocab.set(ch, vocab.size));
  const merges: string[] = [];
  for (const word of [...SCRIPTS.en, ...SCRIPTS.pt, TRAP_WORD]) {
    const chars = [...word];
    let current = chars[0]!;
    for (const ch of chars.slice(1)) {
      const merge = `${current} ${ch}`;
      current += ch;
      if (!vocab.has(current)) {
        vocab.set(current, vocab.size);
        merges.push(merge);
      }
    }
  }
  const specials = [
    '<|endoftext|>',
    '<|startoftranscript|>',
    ...LANGUAGES.map((l) => `<|${l}|>`),
    '<|translate|>',
    '<|transcribe|>',
    '<|startoflm|>',
    '<|startofprev|>',
    '<|nospeech|>',
    '<|notimestamps|>',
    ...Array.from({ length: 11 }, (_, i) => `<|${(i * 0.02).toFixed(2)}|>`),
  ];
  const special = new Map(specials.map((s, i) => [s, vocab.size + i]));
  return { vocab, merges, special, size: vocab.size + specials.length };
}

export type Vocabulary = ReturnType<typeof buildVocabulary>;

export function tokenId(v: Vocabulary, token: string): number {
  const found = v.vocab.get(token) ?? v.special.get(token);
  if (found === undefined) throw new Error(`stand-in vocabulary lacks ${token}`);
  return found;
}

export function tokenizerJson(v: Vocabulary): unknown {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...v.special].map(([content, tokenId]) => ({
      id: tokenId,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'TemplateProcessing', single: [], pair: [], special_tokens: {} },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab: Object.fromEntries(v.vocab),
      merges: v.merges,
    },
  };
}
