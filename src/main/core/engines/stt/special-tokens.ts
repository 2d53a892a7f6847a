// Whisper's control tokens for one model, from generation_config.json (decoder_start_token_id,
// eos_token_id, no_timestamps_token_id, lang_to_id, task_to_id, suppress_tokens,
// begin_suppress_tokens, is_multilingual) with tokenizer.json's added tokens as the fallback. Also
// the decoder prompt: [sot, language, transcribe, notimestamps], or [sot, notimestamps] for
// English-only (.en) models.
import type { Language } from '../../../../shared/turn';
import type { WhisperTokenizer } from './tokenizer';

export interface WhisperSpecialTokens {
  sot: number;
  eot: number;
  transcribe: number | null;
  noTimestamps: number;
  /** First timestamp token (<|0.00|>); every id from here up is a timestamp. */
  timestampBegin: number;
  multilingual: boolean;
  /** Language code ('en', 'pt', 'de', …) → its token, for multilingual models. */
  languages: ReadonlyMap<string, number>;
  /** Never sampled (generation_config suppress_tokens). */
  suppress: readonly number[];
  /** Not sampled as the first text token (a lone space, end of text). */
  beginSuppress: readonly number[];
  /** Every added (special) token id. */
  specials: readonly number[];
}

interface GenerationConfig {
  decoder_start_token_id?: unknown;
  eos_token_id?: unknown;
  no_timestamps_token_id?: unknown;
  is_multilingual?: unknown;
  lang_to_id?: unknown;
  task_to_id?: unknown;
  suppress_tokens?: unknown;
  begin_suppress_tokens?: unknown;
}

function firstId(value: unknown): number | undefined {
  if (Array.isArray(value)) return firstId(value[0]);
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

function idList(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => Number.isInteger(v) && v >= 0) : [];
}

function idMap(value: unknown): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, id] of Object.entries(value)) if (Number.isInteger(id)) out.set(key, id as number);
  return out;
}

/** Throws an Error naming the token it cannot find; the caller reports the model as damaged. */
export function readSpecialTokens(generationConfig: unknown, tokenizer: WhisperTokenizer): WhisperSpecialTokens {
  const gen = (typeof generationConfig === 'object' && generationConfig !== null ? generationConfig : {}) as GenerationConfig;
  const need = (name: string, fromConfig: unknown): number => {
    const id = firstId(fromConfig) ?? tokenizer.tokenId(name);
    if (id === undefined) throw new Error(`no ${name} token in generation_config.json or tokenizer.json`);
    return id;
  };
  const sot = need('<|startoftranscript|>', gen.decoder_start_token_id);
  const eot = need('<|endoftext|>', gen.eos_token_id);
  const noTimestamps = need('<|notimestamps|>', gen.no_timestamps_token_id);

  const languages = new Map<string, number>();
  for (const [token, id] of idMap(gen.lang_to_id)) {
    const code = /^<\|(.+)\|>$/.exec(token)?.[1];
    if (code) languages.set(code, id);
  }
  const multilingual = typeof gen.is_multilingual === 'boolean' ? gen.is_multilingual : languages.size > 0;
  if (multilingual && languages.size === 0) {
    for (const code of ['en', 'pt']) {
      const id = tokenizer.tokenId(`<|${code}|>`);
      if (id !== undefined) languages.set(code, id);
    }
  }
  const transcribe = idMap(gen.task_to_id).get('transcribe') ?? tokenizer.tokenId('<|transcribe|>') ?? null;
  if (multilingual && transcribe === null) throw new Error('no <|transcribe|> token for a multilingual model');

  return {
    sot,
    eot,
    transcribe,
    noTimestamps,
    timestampBegin: tokenizer.tokenId('<|0.00|>') ?? noTimestamps + 1,
    multilingual,
    languages,
    suppress: idList(gen.suppress_tokens),
    beginSuppress: idList(gen.begin_suppress_tokens),
    specials: tokenizer.specialIds(),
  };
}

/**
 * The decoder prompt. `language` null means "not chosen yet": the prompt stops after sot, and the
 * rest follows once the language is detected (see promptAfterLanguage).
 */
export function promptTokens(tokens: WhisperSpecialTokens, language: Language | null): number[] {
  if (!tokens.multilingual) return [tokens.sot, tokens.noTimestamps];
  if (language === null) return [tokens.sot];
  return [tokens.sot, ...promptAfterLanguage(tokens, language)];
}

/** What follows sot in a multilingual prompt: [language, transcribe, notimestamps]. */
export function promptAfterLanguage(tokens: WhisperSpecialTokens, language: Language): number[] {
  const id = tokens.languages.get(language);
  if (id === undefined) throw new Error(`the model has no <|${language}|> token`);
  return [id, tokens.transcribe ?? tokens.noTimestamps, tokens.noTimestamps];
}
