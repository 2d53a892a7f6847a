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

// espeak-ng reads its data files without bounds checks: a damaged phontab, a short phonindex or a
// truncated dictionary crash the process (measured: SIGSEGV), and a phondata of another version
// aborts it. The checks below walk each file the way espeak-ng's loader does and stop where it
// would read past the end.

/** The phondata version sherpa-onnx's espeak-ng accepts (since 1.48.01); any other aborts the process. */
export const ESPEAK_PHONDATA_VERSION = 0x014801;

/** phondata starts with its version number (little-endian), then its sample rate. */
export function checkPhondataHeader(head: Uint8Array): Checked<{ version: number }> {
  if (head.length < 8) return { ok: false, problem: 'it is too short to be espeak-ng phoneme data' };
  const version = new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(0, true);
  if (version !== ESPEAK_PHONDATA_VERSION) {
    return { ok: false, problem: `its version is 0x${version.toString(16)}, not the 0x${ESPEAK_PHONDATA_VERSION.toString(16)} this espeak-ng reads` };
  }
  return { ok: true, value: { version } };
}

const PHONEME_TAB_BYTES = 16;
const PHONEME_TAB_NAME_BYTES = 32;

/**
 * phontab: a count of tables, then per table its phoneme count, the table it includes (1-based, 0
 * for none, always an earlier one), a 32-byte name and 16 bytes per phoneme whose `program` (bytes
 * 8–9) indexes phonindex's 16-bit words.
 */
export function checkPhonemeTables(tab: Uint8Array, phonindexBytes: number): Checked<{ tables: number }> {
  const view = new DataView(tab.buffer, tab.byteOffset, tab.byteLength);
  const programs = Math.floor(phonindexBytes / 2);
  const tables = tab[0] ?? 0;
  if (tab.length < 4 || tables === 0) return { ok: false, problem: 'it holds no phoneme tables' };
  let p = 4;
  for (let index = 0; index < tables; index++) {
    if (p + 4 + PHONEME_TAB_NAME_BYTES > tab.length) return { ok: false, problem: `it ends inside phoneme table ${index + 1} of ${tables} (truncated)` };
    const phonemes = tab[p] ?? 0;
    const includes = tab[p + 1] ?? 0;
    if (includes > index) return { ok: false, problem: `phoneme table ${index + 1} includes table ${includes}, which does not precede it` };
    p += 4;
    if (!tab.subarray(p, p + PHONEME_TAB_NAME_BYTES).includes(0)) return { ok: false, problem: `phoneme table ${index + 1} has no name` };
    p += PHONEME_TAB_NAME_BYTES;
    if (p + phonemes * PHONEME_TAB_BYTES > tab.length) return { ok: false, problem: `it ends inside phoneme table ${index + 1} of ${tables} (truncated)` };
    for (let k = 0; k < phonemes; k++, p += PHONEME_TAB_BYTES) {
      const program = view.getUint16(p + 8, true);
      if (program >= programs) return { ok: false, problem: `its phonemes refer past the end of phonindex (${program} ≥ ${programs}); phonindex is truncated or does not belong with it` };
    }
  }
  return { ok: true, value: { tables } };
}

const DICT_HASHES = 1024;
const RULE_GROUP_START = 6;
const RULE_GROUP_END = 7;
const RULE_LETTERGP2 = 18;
const RULE_REPLACEMENTS = 20;

/**
 * A compiled espeak-ng dictionary (`en_dict`): the hash count (1024) and the offset of the rules,
 * then 1024 lists of length-prefixed word entries each ended by a zero, then the rule groups —
 * each opened by RULE_GROUP_START and ended by RULE_GROUP_END, the whole ended by a zero.
 */
export function checkEspeakDictionary(dict: Uint8Array): Checked<{ rulesAt: number }> {
  const damaged = (what: string): Checked<{ rulesAt: number }> => ({ ok: false, problem: `${what} (truncated or damaged)` });
  if (dict.length <= DICT_HASHES + 8) return { ok: false, problem: 'it is too short to be an espeak-ng dictionary' };
  const view = new DataView(dict.buffer, dict.byteOffset, dict.byteLength);
  if (view.getInt32(0, true) !== DICT_HASHES) return { ok: false, problem: 'it is not a compiled espeak-ng dictionary' };
  const rulesAt = view.getInt32(4, true);
  if (rulesAt <= 8 || rulesAt >= dict.length) return damaged('its rules would start past the end of the file');
  let p = 8;
  for (let hash = 0; hash < DICT_HASHES; hash++) {
    while (p < rulesAt && dict[p] !== 0) p += dict[p] ?? 0;
    if (p >= rulesAt) return damaged('its word list runs into its rules');
    p += 1;
  }
  const skipString = (from: number): number => {
    const end = dict.indexOf(0, from);
    return end < 0 ? dict.length : end + 1;
  };
  p = rulesAt;
  if (dict[p] === RULE_GROUP_END) return { ok: true, value: { rulesAt } };
  while (p < dict.length && dict[p] !== 0) {
    // espeak-ng stops reading (and says so) at a byte that does not open a group: safe.
    if (dict[p] !== RULE_GROUP_START) return { ok: true, value: { rulesAt } };
    p += 1;
    if (dict[p] === RULE_REPLACEMENTS) {
      p = (p + 4) & ~3;
      while (p + 4 <= dict.length && (dict[p] !== 0 || dict[p + 1] !== 0 || dict[p + 2] !== 0 || dict[p + 3] !== 0)) p += 1;
      while (p < dict.length && dict[p] !== RULE_GROUP_END) p += 1;
      if (p >= dict.length) return damaged('its rules run past the end of the file');
      p += 1;
      continue;
    }
    p = dict[p] === RULE_LETTERGP2 ? p + 2 : skipString(p);
    while (p < dict.length && dict[p] !== RULE_GROUP_END) p = skipString(p);
    if (p >= dict.length) return damaged('its rules run past the end of the file');
    p += 1;
  }
  if (p >= dict.length) return damaged('its rules run past the end of the file');
  return { ok: true, value: { rulesAt } };
}

/** The espeak-ng dictionary a voice such as "en-us" or "pt-br" reads: "en_dict", "pt_dict". */
export function espeakDictionaryFor(espeakVoice: string): string {
  const base = espeakVoice.toLowerCase().split(/[-_]/)[0] ?? espeakVoice;
  return `${base}_dict`;
}
