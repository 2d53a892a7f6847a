// The Whisper stand-in's ONNX graphs (whisper-stand-in.ts): a one-convolution encoder, and a merged
// decoder whose logits come from scripted tables, picked by the position and by marker tokens
// counted in the self-attention cache, and gated by the audio read through the cross-attention cache.
import { attr, floatTensor, type GraphSpec, int64Tensor, node, type NodeSpec, value } from './onnx-graph';
import { SCRIPTS, TRAP_WORD, tokenId, type Vocabulary } from './whisper-stand-in-vocab';

/** Model width, attention heads and decoder layers, as config.json reports them; ROWS: logit table rows. */
export const D = 32;
export const HEADS = 4;
const HEAD_DIM = D / HEADS;
export const LAYERS = 2;
const ROWS = 16;

/** What the scripted logits depend on. */
export interface LogitTableOptions {
  multilingual: boolean;
  spokenLanguage: 'en' | 'pt';
  trap: boolean;
}

/** Logit tables [ROWS, V], row n = tokens in the sequence so far (clamped to ROWS − 1). */
export function logitTables(v: Vocabulary, options: LogitTableOptions) {
  const V = v.size;
  const table = () => new Float32Array(ROWS * V);
  const base = table();
  const en = table();
  const pt = table();
  const trap = table();
  const eot = tokenId(v, '<|endoftext|>');
  const set = (t: Float32Array, row: number, token: number, logit: number) => {
    t[Math.min(row, ROWS - 1) * V + token] = logit;
  };
  const script = (t: Float32Array, start: number, tokens: string[]) => {
    // Like a real model, it does not stop mid-sentence: end of text is unlikely inside the script.
    tokens.forEach((tok, j) => {
      set(t, start + j, tokenId(v, tok), 10);
      set(t, start + j, eot, -10);
    });
    for (let row = start + tokens.length; row < ROWS; row++) set(t, row, eot, 10);
    // Tempting tokens the filters must refuse on the first text step.
    set(t, start, tokenId(v, '<|0.00|>'), 15);
    set(t, start, tokenId(v, '\u0120'), 14); // a lone space: begin-suppressed
    set(t, start, tokenId(v, '"'), 13); // in suppress_tokens
    set(t, start, tokenId(v, '<|es|>'), 12.5);
    set(t, start, eot, 12); // begin-suppressed: no empty transcript
  };
  if (options.multilingual) {
    set(base, 1, tokenId(v, '<|de|>'), 9);
    set(base, 1, tokenId(v, `<|${options.spokenLanguage}|>`), 8);
    set(base, 1, tokenId(v, `<|${options.spokenLanguage === 'en' ? 'pt' : 'en'}|>`), 2);
    script(en, 4, SCRIPTS.en);
    script(pt, 4, SCRIPTS.pt);
  } else {
    script(base, 2, SCRIPTS.en);
  }
  if (options.trap) {
    const at = (options.multilingual ? 4 : 2) + 1;
    set(options.multilingual ? en : base, at, tokenId(v, TRAP_WORD), 10.5);
    set(trap, at + 1, eot, -20);
    set(trap, at + 1, tokenId(v, '!'), 3);
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

export function encoderGraph(nMels: number): GraphSpec {
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

export function decoderGraph(v: Vocabulary, tables: ReturnType<typeof logitTables>): GraphSpec {
  const V = v.size;
  const selfValues = [seeded(V * D, 21, 1), seeded(V * D, 22, 1)];
  for (let t = 0; t < V; t++) {
    selfValues[0]![t * D] = 0;
    selfValues[0]![t * D + 1] = 0;
    selfValues[1]![t * D] = 0;
  }
  selfValues[0]![tokenId(v, '<|en|>') * D] = 1;
  selfValues[0]![tokenId(v, '<|pt|>') * D + 1] = 1;
  selfValues[1]![tokenId(v, TRAP_WORD) * D] = 1;
  const crossWeights = Array.from({ length: LAYERS * 2 }, (_, j) => seeded(D * D, 31 + j, 0.5));
  for (let r = 0; r < D; r++) {
    crossWeights[1]![r * D] = r === 0 ? 1 : 0; // layer 0 cross value, feature 0 = hidden channel 0
    crossWeights[2]![r * D] = r === 0 ? 1 : 0; // layer 1 cross key, feature 0 = hidden channel 0
  }
  const silenceBias = new Float32Array(V);
  silenceBias[tokenId(v, '<|endoftext|>')] = 40;

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
