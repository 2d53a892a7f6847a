// What a Piper voice must satisfy before sherpa-onnx is handed it. sherpa-onnx ends the whole
// process (exit, not an exception) on a missing metadata key, a negative integer key or a malformed
// tokens.txt, and hangs generation when tokens.txt lacks Piper's pad/bos/eos symbols — so each of
// those is checked here first and reported as a problem a person can act on.

export interface PiperModelInfo {
  sampleRate: number;
  speakers: number;
  /** espeak-ng voice the phonemizer uses, e.g. "en-us". */
  espeakVoice: string;
  language: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const REQUIRED_INTEGERS = ['sample_rate', 'n_speakers'] as const;
const REQUIRED_TEXT = ['language', 'comment'] as const;
/** Keys sherpa-onnx reads with a default but rejects (by exiting) when negative. */
const OPTIONAL_INTEGERS = ['add_blank', 'speaker_id', 'version', 'jieba', 'blank_id', 'bos_id', 'eos_id', 'use_eos_bos', 'pad_id', 'has_g2pw'];

/** C's atoi, which is how sherpa-onnx reads integer metadata: leading integer or 0. */
function atoi(text: string): number {
  const n = Number.parseInt(text.trim(), 10);
  return Number.isNaN(n) ? 0 : n;
}

/** Checks the metadata_props of a sherpa-onnx Piper export and extracts what Earshot needs. */
export function checkPiperMetadata(metadata: Readonly<Record<string, string>>): Checked<PiperModelInfo> {
  const missing = [...REQUIRED_INTEGERS, ...REQUIRED_TEXT, 'voice'].filter((key) => !metadata[key]);
  if (missing.length > 0) {
    return { ok: false, problem: `its metadata lacks ${missing.join(', ')} (not a sherpa-onnx Piper export)` };
  }
  for (const key of [...REQUIRED_INTEGERS, ...OPTIONAL_INTEGERS]) {
    const text = metadata[key];
    if (text && atoi(text) < 0) return { ok: false, problem: `its metadata has a negative ${key} (${text})` };
  }
  if (!metadata.comment?.includes('piper')) {
    return { ok: false, problem: `it is not a Piper voice (comment "${metadata.comment}")` };
  }
  if (metadata.jieba && atoi(metadata.jieba) !== 0) {
    return { ok: false, problem: 'it needs a jieba dictionary, which Piper voices do not use' };
  }
  const sampleRate = atoi(metadata.sample_rate ?? '');
  if (sampleRate <= 0) return { ok: false, problem: `its sample_rate "${metadata.sample_rate}" is not a rate` };
  return {
    ok: true,
    value: {
      sampleRate,
      speakers: atoi(metadata.n_speakers ?? ''),
      espeakVoice: metadata.voice ?? '',
      language: metadata.language ?? '',
    },
  };
}

const SPECIAL_SYMBOLS = [
  ['_', 'pad'],
  ['^', 'start'],
  ['$', 'end'],
] as const;

/**
 * Checks tokens.txt the way sherpa-onnx's Piper reader parses it: lines of `symbol id` where the
 * symbol is one Unicode code point (or `<BLNK>`), or a bare id for the space symbol; no duplicate
 * symbols; and Piper's pad/start/end symbols present.
 */
export function checkPiperTokens(bytes: Uint8Array): Checked<{ count: number }> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'it is not UTF-8 text' };
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const seen = new Set<string>();
  for (const [index, raw] of lines.entries()) {
    const where = `line ${index + 1}`;
    const words = raw.split(/[ \t\r\v\f]+/).filter((w) => w !== '');
    if (words.length === 0) return { ok: false, problem: `${where} is blank` };
    if (words.length > 2) return { ok: false, problem: `${where} has more than a symbol and an id` };
    const [symbol, id] = words.length === 1 ? [' ', words[0]] : [words[0], words[1]];
    if (!/^-?\d+$/.test(id ?? '')) return { ok: false, problem: `${where} has no numeric id` };
    if (symbol === '<BLNK>') continue;
    if ([...(symbol ?? '')].length !== 1) return { ok: false, problem: `${where} has a symbol longer than one character` };
    if (seen.has(symbol ?? '')) return { ok: false, problem: `${where} repeats the symbol "${symbol}"` };
    seen.add(symbol ?? '');
  }
  const absent = SPECIAL_SYMBOLS.filter(([symbol]) => !seen.has(symbol));
  if (absent.length > 0) {
    const names = absent.map(([symbol, role]) => `"${symbol}" (${role})`).join(', ');
    return { ok: false, problem: `it lacks Piper's ${names} symbol${absent.length > 1 ? 's' : ''}` };
  }
  return { ok: true, value: { count: seen.size } };
}

/** espeak-ng-data files the phonemizer cannot start without (it exits or crashes otherwise). */
export const ESPEAK_REQUIRED_FILES = ['phontab', 'phonindex', 'phondata', 'intonations'] as const;

/** The espeak-ng dictionary a voice such as "en-us" or "pt-br" reads: "en_dict", "pt_dict". */
export function espeakDictionaryFor(espeakVoice: string): string {
  const base = espeakVoice.toLowerCase().split(/[-_]/)[0] ?? espeakVoice;
  return `${base}_dict`;
}
