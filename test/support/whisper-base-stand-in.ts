// A Whisper model folder with whisper-base's real dimensions (d_model 512, 6 encoder and 6 decoder
// layers, 8 heads, 80 mel bins, vocabulary 51865 with the control tokens at their real ids) and
// int8 linear layers like the `_int8` exports, so the real WhisperSpeechToText code costs on it what
// it costs on whisper-base. The weights are random; the decoder's scripted bias makes it emit the
// language token, then `script` (a realistic-length sentence of whole-word tokens), then
// <|endoftext|> (whisper-base-stand-in-graphs.ts). Only the int8 files are written (~100 MB), once
// per folder: an existing folder with the same script is reused.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toByteLevel } from '../../src/main/core/engines/stt/byte-level-alphabet';
import { buildModel } from './onnx-graph';
import { BASE, decoderGraph, encoderGraph, type WhisperDims } from './whisper-base-stand-in-graphs';

/** Whisper's 99 language codes, in token order (<|en|> = 50259 … <|su|> = 50357). */
const WHISPER_LANGUAGES = (
  'en zh de es ru ko fr ja pt tr pl ca nl ar sv it id hi fi vi he uk el ms cs ro da hu ta no th ur hr bg lt la mi ml cy sk te fa lv bn sr az sl kn ' +
  'et mk br eu is hy ne mn bs kk sq sw gl mr pa si km sn yo so af oc ka be tg sd gu am yi lo uz fo ht ps tk nn mt sa lb my bo tl mg as tt haw ln ha ba jw su'
).split(' ');
const EOT = 50257;
const VOCAB_SIZE = 51865;

/** What the stand-in says by default: 14 tokens, a typical spoken question. */
export const DEFAULT_SCRIPT = " What's the tallest mountain in Africa, and how high is it?";

export interface WhisperBaseStandIn {
  dir: string;
  /** The transcript every clip with speech gets. */
  text: string;
  /** Text tokens it decodes before <|endoftext|>. */
  textTokens: number;
  vocabSize: number;
}

/** Whole-word pieces: " What", "'s", " the", …, "?". */
export function scriptPieces(script: string): string[] {
  return script.match(/ ?[\p{L}\p{N}]+|'[\p{L}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** The byte-level BPE vocabulary with the script's words, fillers, and Whisper's control tokens at their real ids. */
export function whisperBaseVocabulary(pieces: readonly string[]) {
  const utf8 = (s: string) => toByteLevel(new TextEncoder().encode(s));
  const vocab = new Map<string, number>();
  const alphabet = toByteLevel(Uint8Array.from({ length: 256 }, (_, b) => b));
  [...alphabet].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!).forEach((ch) => vocab.set(ch, vocab.size));
  const merges: string[] = [];
  for (const piece of pieces.map(utf8)) {
    const chars = [...piece];
    let current = chars[0]!;
    for (const ch of chars.slice(1)) {
      const merged = current + ch;
      if (!vocab.has(merged)) {
        vocab.set(merged, vocab.size);
        merges.push(`${current} ${ch}`);
      }
      current = merged;
    }
  }
  // Filler entries up to GPT-2's 50257, so the control tokens sit at their real ids.
  for (let i = 0; vocab.size < EOT; i++) vocab.set(`\u0120filler${i}`, vocab.size);
  const specials = [
    '<|endoftext|>',
    '<|startoftranscript|>',
    ...WHISPER_LANGUAGES.map((l) => `<|${l}|>`),
    '<|translate|>',
    '<|transcribe|>',
    '<|startoflm|>',
    '<|startofprev|>',
    '<|nocaptions|>',
    '<|notimestamps|>',
    ...Array.from({ length: 1501 }, (_, i) => `<|${(i * 0.02).toFixed(2)}|>`),
  ];
  const special = new Map(specials.map((s, i) => [s, EOT + i]));
  if (EOT + specials.length !== VOCAB_SIZE) throw new Error(`stand-in vocabulary has ${EOT + specials.length} tokens, not ${VOCAB_SIZE}`);
  const id = (token: string) => vocab.get(token) ?? special.get(token) ?? Number.NaN;
  return { vocab, merges, special, id, pieceIds: pieces.map((p) => id(utf8(p))) };
}

function tokenizerJson(v: ReturnType<typeof whisperBaseVocabulary>): unknown {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...v.special].map(([content, id]) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'TemplateProcessing', single: [], pair: [], special_tokens: {} },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: '', end_of_word_suffix: '', fuse_unk: false, byte_fallback: false, vocab: Object.fromEntries(v.vocab), merges: v.merges },
  };
}

function configs(v: ReturnType<typeof whisperBaseVocabulary>, dims: WhisperDims) {
  const sot = v.id('<|startoftranscript|>');
  const config = {
    _name_or_path: 'earshot/whisper-base-stand-in',
    architectures: ['WhisperForConditionalGeneration'],
    model_type: 'whisper',
    is_encoder_decoder: true,
    d_model: dims.dModel,
    encoder_attention_heads: dims.heads,
    encoder_layers: dims.layers,
    encoder_ffn_dim: dims.ffn,
    decoder_attention_heads: dims.heads,
    decoder_layers: dims.layers,
    decoder_ffn_dim: dims.ffn,
    num_mel_bins: dims.nMels,
    vocab_size: VOCAB_SIZE,
    max_source_positions: dims.sourcePositions,
    max_target_positions: dims.targetPositions,
    bos_token_id: EOT,
    eos_token_id: EOT,
    pad_token_id: EOT,
    decoder_start_token_id: sot,
  };
  const generation = {
    begin_suppress_tokens: [v.id('\u0120'), EOT],
    bos_token_id: EOT,
    decoder_start_token_id: sot,
    eos_token_id: EOT,
    pad_token_id: EOT,
    max_length: dims.targetPositions,
    no_timestamps_token_id: v.id('<|notimestamps|>'),
    suppress_tokens: [v.id('"'), v.id('#')],
    return_timestamps: false,
    is_multilingual: true,
    lang_to_id: Object.fromEntries(WHISPER_LANGUAGES.map((l) => [`<|${l}|>`, v.id(`<|${l}|>`)])),
    task_to_id: { translate: v.id('<|translate|>'), transcribe: v.id('<|transcribe|>') },
    forced_decoder_ids: [[1, null], [2, v.id('<|transcribe|>')]],
  };
  const preprocessor = {
    chunk_length: 30,
    feature_extractor_type: 'WhisperFeatureExtractor',
    feature_size: dims.nMels,
    hop_length: 160,
    n_fft: 400,
    n_samples: 480000,
    nb_max_frames: dims.frames,
    padding_side: 'right',
    padding_value: 0.0,
    processor_class: 'WhisperProcessor',
    return_attention_mask: false,
    sampling_rate: 16000,
  };
  return { config, generation, preprocessor };
}

/** Writes (or reuses) the stand-in at `dir`; it speaks English. */
export async function writeWhisperBaseStandIn(dir: string, script: string = DEFAULT_SCRIPT, dims: WhisperDims = BASE): Promise<WhisperBaseStandIn> {
  const pieces = scriptPieces(script);
  const v = whisperBaseVocabulary(pieces);
  const standIn = { dir, text: script.trim(), textTokens: pieces.length, vocabSize: VOCAB_SIZE };
  const stamp = join(dir, 'stand-in.json');
  if (existsSync(stamp)) {
    const written = JSON.parse(await readFile(stamp, 'utf8')) as { script?: string; dModel?: number; layers?: number };
    if (written.script === script && (written.dModel ?? BASE.dModel) === dims.dModel && (written.layers ?? BASE.layers) === dims.layers) return standIn;
  }

  // Row n: the token after n tokens. [sot] → <|en|>; the forced task tokens; then the script; then the end.
  const rows = [EOT, v.id('<|en|>'), v.id('<|transcribe|>'), v.id('<|notimestamps|>'), ...v.pieceIds, EOT];
  const onnxDir = join(dir, 'onnx');
  await mkdir(onnxDir, { recursive: true });
  const json = (name: string, data: unknown) => writeFile(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  const { config, generation, preprocessor } = configs(v, dims);
  await json('tokenizer.json', tokenizerJson(v));
  await json('config.json', config);
  await json('generation_config.json', generation);
  await json('preprocessor_config.json', preprocessor);
  await writeFile(join(onnxDir, 'encoder_model_int8.onnx'), buildModel({ graph: encoderGraph(dims), producerName: 'earshot-whisper-base-stand-in' }));
  await writeFile(join(onnxDir, 'decoder_model_merged_int8.onnx'), buildModel({ graph: decoderGraph(VOCAB_SIZE, rows, dims), producerName: 'earshot-whisper-base-stand-in' }));
  await json('stand-in.json', { script, dModel: dims.dModel, layers: dims.layers });
  return standIn;
}
