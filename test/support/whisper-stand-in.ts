// A Whisper model folder small enough to write in a test, in the layout of the real ONNX exports
// (Hugging Face optimum / onnx-community): tokenizer.json (byte-level BPE with Whisper's control
// tokens), config.json, generation_config.json, preprocessor_config.json and onnx/encoder_model.onnx
// + onnx/decoder_model_merged.onnx (and *_int8 copies) with the real input/output names, dtypes and
// ranks. The decoder is scripted rather than trained, but every part of the real engine has to work
// for the script to come out:
// - the encoder is a stride-2 convolution over input_features; its channel 0 is the mean mel value
//   (+1.5, so silence is 0). The decoder reads it through the cross-attention cache of both layers
//   at every step; with silence (or a lost cross cache) it ends the text after the first word;
// - logits depend on the position (past length + 1) and on counts of marker tokens summed over the
//   self-attention values in the cache: the language token (layer 0) and a trap token (layer 1);
// - the first text step also offers tokens the logit filters must remove (a timestamp, a lone space,
//   a suppressed token, a language token, end of text);
// - with `trap`, greedy decoding takes " word" (slightly likelier than " world") and then stumbles
//   through "!" before the end: "hello word!"; beam search keeps " world" and wins on mean log-prob.
// Language detection after <|startoftranscript|> ranks <|de|> first, then the spoken language.
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { toByteLevel } from '../../src/main/core/engines/whisper/byte-level-alphabet';
import { attr, buildModel, floatTensor, type GraphSpec, int64Tensor, node, type NodeSpec, value } from './onnx-graph';

export interface WhisperStandInOptions {
  /** 80 (default) or 128 mel bins. */
  nMels?: number;
  /** false writes an English-only (.en style) model: prompt [sot, notimestamps]. */
  multilingual?: boolean;
  /** What language detection finds (default 'en'). */
  spokenLanguage?: 'en' | 'pt';
  trap?: boolean;
  /** Where the .onnx files go: 'onnx' subfolder (default) or the folder root. */
  layout?: 'onnx' | 'root';
  /** Which files to write (default both). 'int8' writes *_int8.onnx, 'quantized' *_quantized.onnx. */
  variants?: readonly ('fp32' | 'int8' | 'quantized')[];
}

export interface WhisperStandIn {
  dir: string;
  vocabSize: number;
  /** What the model says: en/pt scripts, greedy decoding of the trap, and the answer to silence. */
  texts: { en: string; pt: string; trapGreedy: string; silence: string };
  /** Token ids, for tests that drive the decoder directly. */
  ids: Record<'sot' | 'eot' | 'en' | 'pt' | 'transcribe' | 'notimestamps' | 'hello' | 'ola', number>;
}

const D = 32;
const HEADS = 4;
const HEAD_DIM = D / HEADS;
const LAYERS = 2;
const ROWS = 16;
const LANGUAGES = ['en', 'de', 'es', 'pt'] as const;
const utf8 = (s: string) => toByteLevel(new TextEncoder().encode(s));
const SCRIPTS = {
  en: [' hello', ' world'].map(utf8),
  // "olá," is cut inside "á" (0xC3 0xA1): decoding must join bytes before reading UTF-8.
  pt: [toByteLevel(Uint8Array.from([0x20, 0x6f, 0x6c, 0xc3])), toByteLevel(Uint8Array.from([0xa1, 0x2c])), utf8(' tudo'), utf8(' bem')],
};
const TRAP_WORD = utf8(' word');

/** Byte-level BPE vocabulary: 256 byte tokens, merge chains for the script words, then specials. */
function buildVocabulary() {
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

type Vocabulary = ReturnType<typeof buildVocabulary>;

function id(v: Vocabulary, token: string): number {
  const found = v.vocab.get(token) ?? v.special.get(token);
  if (found === undefined) throw new Error(`stand-in vocabulary lacks ${token}`);
  return found;
}

function tokenizerJson(v: Vocabulary): unknown {
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

/** Logit tables [ROWS, V], row n = tokens in the sequence so far (clamped to ROWS − 1). */
function logitTables(v: Vocabulary, options: Required<Pick<WhisperStandInOptions, 'multilingual' | 'spokenLanguage' | 'trap'>>) {
  const V = v.size;
  const table = () => new Float32Array(ROWS * V);
  const base = table();
  const en = table();
  const pt = table();
  const trap = table();
  const eot = id(v, '<|endoftext|>');
  const set = (t: Float32Array, row: number, token: number, logit: number) => {
    t[Math.min(row, ROWS - 1) * V + token] = logit;
  };
  const script = (t: Float32Array, start: number, tokens: string[]) => {
    // Like a real model, it does not stop mid-sentence: end of text is unlikely inside the script.
    tokens.forEach((tok, j) => {
      set(t, start + j, id(v, tok), 10);
      set(t, start + j, eot, -10);
    });
    for (let row = start + tokens.length; row < ROWS; row++) set(t, row, eot, 10);
    // Tempting tokens the filters must refuse on the first text step.
    set(t, start, id(v, '<|0.00|>'), 15);
    set(t, start, id(v, '\u0120'), 14); // a lone space: begin-suppressed
    set(t, start, id(v, '"'), 13); // in suppress_tokens
    set(t, start, id(v, '<|es|>'), 12.5);
    set(t, start, eot, 12); // begin-suppressed: no empty transcript
  };
  if (options.multilingual) {
    set(base, 1, id(v, '<|de|>'), 9);
    set(base, 1, id(v, `<|${options.spokenLanguage}|>`), 8);
    set(base, 1, id(v, `<|${options.spokenLanguage === 'en' ? 'pt' : 'en'}|>`), 2);
    script(en, 4, SCRIPTS.en);
    script(pt, 4, SCRIPTS.pt);
  } else {
    script(base, 2, SCRIPTS.en);
  }
  if (options.trap) {
    const at = (options.multilingual ? 4 : 2) + 1;
    set(options.multilingual ? en : base, at, id(v, TRAP_WORD), 10.5);
    set(trap, at + 1, eot, -20);
    set(trap, at + 1, id(v, '!'), 3);
  }
  return { base, en, pt, trap };
}

function seeded(count: number, seed: number, scale: number): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: count }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * scale;
  });
}

function encoderGraph(nMels: number): GraphSpec {
  const weights = seeded(D * nMels * 3, 11, 0.2);
  for (let i = 0; i < nMels * 3; i++) weights[i] = 1 / (nMels * 3); // channel 0: mean mel value
  const bias = new Float32Array(D);
  bias[0] = 1.5;
  return {
    name: 'whisper_stand_in_encoder',
    inputs: [value('input_features', 'float32', ['batch_size', nMels, 3000])],
    outputs: [value('last_hidden_state', 'float32', ['batch_size', 1500, D])],
    initializers: [floatTensor('conv.weight', [D, nMels, 3], weights), floatTensor('conv.bias', [D], bias)],
    nodes: [
      node('Conv', ['input_features', 'conv.weight', 'conv.bias'], ['conv_out'], {
        kernel_shape: attr.ints([3]),
        strides: attr.ints([2]),
        pads: attr.ints([1, 1]),
      }),
      node('Transpose', ['conv_out'], ['last_hidden_state'], { perm: attr.ints([0, 2, 1]) }),
    ],
  };
}

const past = (i: number, side: 'decoder' | 'encoder', kv: 'key' | 'value') => `past_key_values.${i}.${side}.${kv}`;
const present = (i: number, side: 'decoder' | 'encoder', kv: 'key' | 'value') => `present.${i}.${side}.${kv}`;

/** [B, S, H·hd] → [B, H, S, hd] */
function splitHeads(input: string, output: string): NodeSpec[] {
  return [
    node('Reshape', [input, 'shape_bshd'], [`${output}_bshd`]),
    node('Transpose', [`${output}_bshd`], [output], { perm: attr.ints([0, 2, 1, 3]) }),
  ];
}

/** Element 0 of the flattened [B, H, 1, hd] tensor, per batch row, as [B, 1, 1]. */
function firstFeature(input: string, index: string, output: string): NodeSpec[] {
  return [
    node('Reshape', [input, 'shape_b_flat'], [`${output}_flat`]),
    node('Gather', [`${output}_flat`, index], [`${output}_b`], { axis: attr.int(1) }),
    node('Reshape', [`${output}_b`, 'shape_b11'], [output]),
  ];
}

function decoderGraph(v: Vocabulary, tables: ReturnType<typeof logitTables>): GraphSpec {
  const V = v.size;
  const selfValues = [seeded(V * D, 21, 1), seeded(V * D, 22, 1)];
  for (let t = 0; t < V; t++) {
    selfValues[0]![t * D] = 0;
    selfValues[0]![t * D + 1] = 0;
    selfValues[1]![t * D] = 0;
  }
  selfValues[0]![id(v, '<|en|>') * D] = 1;
  selfValues[0]![id(v, '<|pt|>') * D + 1] = 1;
  selfValues[1]![id(v, TRAP_WORD) * D] = 1;
  const crossWeights = Array.from({ length: LAYERS * 2 }, (_, j) => seeded(D * D, 31 + j, 0.5));
  for (let r = 0; r < D; r++) {
    crossWeights[1]![r * D] = r === 0 ? 1 : 0; // layer 0 cross value, feature 0 = hidden channel 0
    crossWeights[2]![r * D] = r === 0 ? 1 : 0; // layer 1 cross key, feature 0 = hidden channel 0
  }
  const silenceBias = new Float32Array(V);
  silenceBias[id(v, '<|endoftext|>')] = 40;

  const nodes: NodeSpec[] = [];
  const inputs = [value('input_ids', 'int64', ['batch_size', 'decoder_sequence_length'])];
  inputs.push(value('encoder_hidden_states', 'float32', ['batch_size', 'encoder_sequence_length / 2', D]));
  const outputs = [value('logits', 'float32', ['batch_size', 'decoder_sequence_length', V])];
  const thenNodes: NodeSpec[] = [];
  const elseNodes: NodeSpec[] = [];
  const ifOutputs: string[] = [];
  const thenOutputs: string[] = [];
  const elseOutputs: string[] = [];
  const kvShape = (len: string) => ['batch_size', HEADS, len, HEAD_DIM];
  for (let i = 0; i < LAYERS; i++) {
    for (const kv of ['key', 'value'] as const) {
      inputs.push(value(past(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length')));
      outputs.push(value(present(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length + 1')));
      nodes.push(node('Gather', [`self_${kv}_emb_${i}`, 'input_ids'], [`self_${kv}_${i}_flat`], { axis: attr.int(0) }));
      nodes.push(...splitHeads(`self_${kv}_${i}_flat`, `self_${kv}_${i}_new`));
      nodes.push(node('Concat', [past(i, 'decoder', kv), `self_${kv}_${i}_new`], [present(i, 'decoder', kv)], { axis: attr.int(2) }));
    }
    for (const kv of ['key', 'value'] as const) {
      inputs.push(value(past(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
      outputs.push(value(present(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
      ifOutputs.push(present(i, 'encoder', kv));
      // With the cache, optimum's merged decoder returns placeholders here, not the cross cache.
      thenNodes.push(node('Constant', [], [`then_${present(i, 'encoder', kv)}`], {
        value: attr.tensor(floatTensor(`placeholder_${i}_${kv}`, [1, HEADS, 1, HEAD_DIM], new Float32Array(D))),
      }));
      thenOutputs.push(`then_${present(i, 'encoder', kv)}`);
      const w = `cross_${kv}_w_${i}`;
      elseNodes.push(node('MatMul', ['encoder_hidden_states', w], [`else_${w}_flat`]));
      elseNodes.push(...splitHeads(`else_${w}_flat`, `else_${present(i, 'encoder', kv)}`));
      elseOutputs.push(`else_${present(i, 'encoder', kv)}`);
    }
  }
  inputs.push(value('use_cache_branch', 'bool', [1]));
  // The cross-attention readouts: from the past inputs with the cache, computed without.
  for (const [name, i, kv] of [['cross_v0', 0, 'value'], ['cross_k1', 1, 'key']] as const) {
    ifOutputs.push(name);
    thenNodes.push(node('Identity', [past(i, 'encoder', kv)], [`then_${name}`]));
    thenOutputs.push(`then_${name}`);
    elseNodes.push(node('Identity', [`else_${present(i, 'encoder', kv)}`], [`else_${name}`]));
    elseOutputs.push(`else_${name}`);
  }
  const branch = (name: string, branchNodes: NodeSpec[], names: string[]): GraphSpec => ({
    name,
    inputs: [],
    outputs: names.map((n) => value(n, 'float32')),
    nodes: branchNodes,
  });
  nodes.push(node('If', ['use_cache_branch'], ifOutputs, {
    then_branch: attr.graph(branch('with_past', thenNodes, thenOutputs)),
    else_branch: attr.graph(branch('without_past', elseNodes, elseOutputs)),
  }));

  // Marker counts summed over the self-attention cache, and the audio gate from the cross cache.
  nodes.push(node('ReduceSum', [present(0, 'decoder', 'value'), 'axis_2'], ['sum_v0'], { keepdims: attr.int(1) }));
  nodes.push(node('ReduceSum', [present(1, 'decoder', 'value'), 'axis_2'], ['sum_v1'], { keepdims: attr.int(1) }));
  nodes.push(...firstFeature('sum_v0', 'index_0', 'count_en'));
  nodes.push(...firstFeature('sum_v0', 'index_1', 'count_pt'));
  nodes.push(...firstFeature('sum_v1', 'index_0', 'count_trap'));
  nodes.push(node('ReduceMean', ['cross_v0'], ['mean_cross_v0'], { axes: attr.ints([2]), keepdims: attr.int(1) }));
  nodes.push(node('ReduceMean', ['cross_k1'], ['mean_cross_k1'], { axes: attr.ints([2]), keepdims: attr.int(1) }));
  nodes.push(...firstFeature('mean_cross_v0', 'index_0', 'audio_v0'));
  nodes.push(...firstFeature('mean_cross_k1', 'index_0', 'audio_k1'));
  nodes.push(node('Add', ['audio_v0', 'audio_k1'], ['audio_sum']));
  nodes.push(node('Sub', ['audio_sum', 'gate_threshold'], ['audio_margin']));
  nodes.push(node('Mul', ['audio_margin', 'gate_slope'], ['audio_scaled']));
  nodes.push(node('Sigmoid', ['audio_scaled'], ['speech_gate']));
  nodes.push(node('Sub', ['one_f', 'speech_gate'], ['silence_gate']));
  nodes.push(node('Mul', ['silence_gate', 'silence_bias'], ['silence_term']));

  // Row n = past length + position + 1, clamped to the tables.
  nodes.push(node('Shape', [past(0, 'decoder', 'key')], ['past_shape']));
  nodes.push(node('Gather', ['past_shape', 'index_2'], ['past_length'], { axis: attr.int(0) }));
  nodes.push(node('Shape', ['input_ids'], ['ids_shape']));
  nodes.push(node('Gather', ['ids_shape', 'index_1'], ['new_length'], { axis: attr.int(0) }));
  nodes.push(node('Add', ['past_length', 'one_i'], ['first_row']));
  nodes.push(node('Add', ['first_row', 'new_length'], ['row_limit']));
  nodes.push(node('Range', ['first_row', 'row_limit', 'one_i'], ['rows_raw']));
  nodes.push(node('Min', ['rows_raw', 'last_row'], ['rows']));
  for (const t of ['base', 'en', 'pt', 'trap']) {
    nodes.push(node('Gather', [`table_${t}`, 'rows'], [`logits_${t}`], { axis: attr.int(0) }));
  }
  nodes.push(node('Mul', ['count_en', 'logits_en'], ['term_en']));
  nodes.push(node('Mul', ['count_pt', 'logits_pt'], ['term_pt']));
  nodes.push(node('Mul', ['count_trap', 'logits_trap'], ['term_trap']));
  nodes.push(node('Add', ['logits_base', 'term_en'], ['sum_1']));
  nodes.push(node('Add', ['sum_1', 'term_pt'], ['sum_2']));
  nodes.push(node('Add', ['sum_2', 'term_trap'], ['sum_3']));
  nodes.push(node('Add', ['sum_3', 'silence_term'], ['logits']));

  return {
    name: 'whisper_stand_in_decoder',
    inputs,
    outputs,
    nodes,
    initializers: [
      ...[0, 1].flatMap((i) => [
        floatTensor(`self_key_emb_${i}`, [V, D], seeded(V * D, 41 + i, 1)),
        floatTensor(`self_value_emb_${i}`, [V, D], selfValues[i]!),
        floatTensor(`cross_key_w_${i}`, [D, D], crossWeights[2 * i]!),
        floatTensor(`cross_value_w_${i}`, [D, D], crossWeights[2 * i + 1]!),
      ]),
      ...(['base', 'en', 'pt', 'trap'] as const).map((t) => floatTensor(`table_${t}`, [ROWS, V], tables[t])),
      floatTensor('silence_bias', [V], silenceBias),
      floatTensor('gate_threshold', [], [1]),
      floatTensor('gate_slope', [], [10]),
      floatTensor('one_f', [], [1]),
      int64Tensor('shape_bshd', [4], [0, 0, HEADS, HEAD_DIM]),
      int64Tensor('shape_b_flat', [2], [0, -1]),
      int64Tensor('shape_b11', [3], [-1, 1, 1]),
      int64Tensor('axis_2', [1], [2]),
      int64Tensor('index_0', [], [0]),
      int64Tensor('index_1', [], [1]),
      int64Tensor('index_2', [], [2]),
      int64Tensor('one_i', [], [1]),
      int64Tensor('last_row', [], [ROWS - 1]),
    ],
  };
}

function configs(v: Vocabulary, nMels: number, multilingual: boolean) {
  const eot = id(v, '<|endoftext|>');
  const sot = id(v, '<|startoftranscript|>');
  const config = {
    _name_or_path: 'earshot/whisper-stand-in',
    architectures: ['WhisperForConditionalGeneration'],
    model_type: 'whisper',
    is_encoder_decoder: true,
    d_model: D,
    encoder_attention_heads: HEADS,
    encoder_layers: 1,
    decoder_attention_heads: HEADS,
    decoder_layers: LAYERS,
    num_mel_bins: nMels,
    vocab_size: v.size,
    max_source_positions: 1500,
    max_target_positions: 448,
    bos_token_id: eot,
    eos_token_id: eot,
    pad_token_id: eot,
    decoder_start_token_id: sot,
  };
  const generation: Record<string, unknown> = {
    begin_suppress_tokens: [id(v, '\u0120'), eot],
    bos_token_id: eot,
    decoder_start_token_id: sot,
    eos_token_id: eot,
    pad_token_id: eot,
    max_length: 448,
    no_timestamps_token_id: id(v, '<|notimestamps|>'),
    suppress_tokens: [id(v, '"'), id(v, '#')],
    return_timestamps: false,
  };
  if (multilingual) {
    Object.assign(generation, {
      is_multilingual: true,
      lang_to_id: Object.fromEntries(LANGUAGES.map((l) => [`<|${l}|>`, id(v, `<|${l}|>`)])),
      task_to_id: { translate: id(v, '<|translate|>'), transcribe: id(v, '<|transcribe|>') },
      forced_decoder_ids: [[1, null], [2, id(v, '<|transcribe|>')]],
    });
  }
  const preprocessor = {
    chunk_length: 30,
    feature_extractor_type: 'WhisperFeatureExtractor',
    feature_size: nMels,
    hop_length: 160,
    n_fft: 400,
    n_samples: 480000,
    nb_max_frames: 3000,
    padding_side: 'right',
    padding_value: 0.0,
    processor_class: 'WhisperProcessor',
    return_attention_mask: false,
    sampling_rate: 16000,
  };
  return { config, generation, preprocessor };
}

export async function writeWhisperStandIn(dir: string, options: WhisperStandInOptions = {}): Promise<WhisperStandIn> {
  const nMels = options.nMels ?? 80;
  const multilingual = options.multilingual ?? true;
  const v = buildVocabulary();
  const tables = logitTables(v, { multilingual, spokenLanguage: options.spokenLanguage ?? 'en', trap: options.trap ?? false });
  const encoder = buildModel({ graph: encoderGraph(nMels), producerName: 'earshot-whisper-stand-in' });
  const decoder = buildModel({ graph: decoderGraph(v, tables), producerName: 'earshot-whisper-stand-in' });
  const { config, generation, preprocessor } = configs(v, nMels, multilingual);

  const onnxDir = options.layout === 'root' ? dir : join(dir, 'onnx');
  await mkdir(onnxDir, { recursive: true });
  const json = (name: string, data: unknown) => writeFile(join(dir, name), `${JSON.stringify(data, null, 2)}\n`);
  await json('tokenizer.json', tokenizerJson(v));
  await json('config.json', config);
  await json('generation_config.json', generation);
  await json('preprocessor_config.json', preprocessor);
  for (const variant of options.variants ?? ['fp32', 'int8']) {
    const suffix = variant === 'fp32' ? '' : `_${variant}`;
    await writeFile(join(onnxDir, `encoder_model${suffix}.onnx`), encoder);
    await writeFile(join(onnxDir, `decoder_model_merged${suffix}.onnx`), decoder);
  }
  return {
    dir,
    vocabSize: v.size,
    texts: { en: 'hello world', pt: 'olá, tudo bem', trapGreedy: 'hello word!', silence: 'hello' },
    ids: {
      sot: id(v, '<|startoftranscript|>'),
      eot: id(v, '<|endoftext|>'),
      en: id(v, '<|en|>'),
      pt: id(v, '<|pt|>'),
      transcribe: id(v, '<|transcribe|>'),
      notimestamps: id(v, '<|notimestamps|>'),
      hello: id(v, SCRIPTS.en[0]!),
      ola: id(v, SCRIPTS.pt[0]!),
    },
  };
}
