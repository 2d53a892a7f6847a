// The ONNX graphs of the real-size Whisper stand-ins (whisper-base-stand-in.ts), with a Whisper size's
// real dimensions (base by default; tiny and small too) and int8 linear layers like the `_int8` exports.
// For base:
// - encoder: two convolutions (80 → 512, then stride 2 to 1500 frames), GELU, positions, 6 pre-norm
//   transformer layers (8 heads, feed-forward 2048) over all 1500 frames, a final norm;
// - merged decoder: token and position embeddings, 6 layers of self-attention (with its KV cache),
//   cross-attention (its cache computed from the encoder output on the first run, read from the
//   past inputs after, switched by use_cache_branch as optimum's merged export does) and
//   feed-forward, a final norm and the projection to 51865 logits.
// The arithmetic is real; the weights are random. To make a transcript come out, the decoder adds
// a large bias to one token per position (a scripted row table): the language token after
// <|startoftranscript|>, then the script's tokens, then <|endoftext|>. The causal mask is left out:
// it changes no cost that matters and the script does not depend on it.
import { LayerBuilder, SeededNumbers } from './onnx-layer-builder';
import { attr, floatTensor, type GraphSpec, int64Tensor, node, type TensorSpec, value } from './onnx-graph';

/** A Whisper size's dimensions (OpenAI's model card; the same in the Hugging Face configs). */
export interface WhisperDims {
  dModel: number;
  heads: number;
  layers: number;
  ffn: number;
  frames: number;
  sourcePositions: number;
  targetPositions: number;
  nMels: number;
}

const COMMON = { frames: 3000, sourcePositions: 1500, targetPositions: 448, nMels: 80 } as const;
export const TINY: WhisperDims = { dModel: 384, heads: 6, layers: 4, ffn: 1536, ...COMMON };
export const BASE: WhisperDims = { dModel: 512, heads: 8, layers: 6, ffn: 2048, ...COMMON };
export const SMALL: WhisperDims = { dModel: 768, heads: 12, layers: 12, ffn: 3072, ...COMMON };
/** How much the scripted token's logit is raised above the computed ones (which stay within a few units). */
const SCRIPT_BIAS = 40;

export function encoderGraph(dims: WhisperDims = BASE): GraphSpec {
  const { dModel, nMels, sourcePositions, layers, ffn, heads } = dims;
  const HEAD_DIM = dModel / heads;
  const initializers: TensorSpec[] = [];
  const b = new LayerBuilder('', initializers, new SeededNumbers(101));
  const conv1 = b.op('Conv', ['input_features', b.floatWeights('conv1.weight', [dModel, nMels, 3], nMels * 3), b.constant('conv1.bias', [dModel], new Float32Array(dModel))], {
    kernel_shape: attr.ints([3]),
    pads: attr.ints([1, 1]),
  });
  const conv2 = b.op('Conv', [b.gelu(conv1), b.floatWeights('conv2.weight', [dModel, dModel, 3], dModel * 3), b.constant('conv2.bias', [dModel], new Float32Array(dModel))], {
    kernel_shape: attr.ints([3]),
    strides: attr.ints([2]),
    pads: attr.ints([1, 1]),
  });
  const frames2 = b.op('Transpose', [b.gelu(conv2)], { perm: attr.ints([0, 2, 1]) });
  let x = b.op('Add', [frames2, b.floatWeights('embed_positions.weight', [sourcePositions, dModel], 12)]);
  for (let i = 0; i < layers; i++) {
    const p = `layers.${i}`;
    const h = b.layerNorm(x, `${p}.self_attn_layer_norm`, dModel);
    const q = b.splitHeads(b.linear(h, `${p}.self_attn.q_proj`, dModel, dModel), heads, HEAD_DIM);
    const k = b.splitHeads(b.linear(h, `${p}.self_attn.k_proj`, dModel, dModel, false), heads, HEAD_DIM);
    const v = b.splitHeads(b.linear(h, `${p}.self_attn.v_proj`, dModel, dModel), heads, HEAD_DIM);
    const attended = b.linear(b.mergeHeads(b.attention(q, k, v, HEAD_DIM), dModel), `${p}.self_attn.out_proj`, dModel, dModel);
    x = b.op('Add', [x, attended]);
    x = b.op('Add', [x, feedForward(b, x, p, dModel, ffn)]);
  }
  b.op('LayerNormalization', [x, b.constant('layer_norm.weight', [dModel], new Float32Array(dModel).fill(1)), b.constant('layer_norm.bias', [dModel], new Float32Array(dModel))], {
    axis: attr.int(-1),
    epsilon: attr.float(1e-5),
  }, 'last_hidden_state');
  return {
    name: 'whisper_base_stand_in_encoder',
    inputs: [value('input_features', 'float32', ['batch_size', nMels, dims.frames])],
    outputs: [value('last_hidden_state', 'float32', ['batch_size', sourcePositions, dModel])],
    nodes: b.nodes,
    initializers,
  };
}

function feedForward(b: LayerBuilder, x: string, p: string, dModel: number, ffn: number): string {
  const h = b.layerNorm(x, `${p}.final_layer_norm`, dModel);
  return b.linear(b.gelu(b.linear(h, `${p}.fc1`, dModel, ffn)), `${p}.fc2`, ffn, dModel);
}

const past = (i: number, side: 'decoder' | 'encoder', kv: 'key' | 'value') => `past_key_values.${i}.${side}.${kv}`;
const present = (i: number, side: 'decoder' | 'encoder', kv: 'key' | 'value') => `present.${i}.${side}.${kv}`;

/**
 * @param vocabSize logits per position (51865)
 * @param script token to favour after n tokens, for n = 0, 1, …; past the end, the last entry
 */
export function decoderGraph(vocabSize: number, script: readonly number[], dims: WhisperDims = BASE): GraphSpec {
  const { dModel, heads, layers, ffn, targetPositions, sourcePositions } = dims;
  const HEAD_DIM = dModel / heads;
  const initializers: TensorSpec[] = [];
  const numbers = new SeededNumbers(202);
  const b = new LayerBuilder('', initializers, numbers);
  const kvShape = (len: string) => ['batch_size', heads, len, HEAD_DIM];
  const inputs = [
    value('input_ids', 'int64', ['batch_size', 'decoder_sequence_length']),
    value('encoder_hidden_states', 'float32', ['batch_size', sourcePositions, dModel]),
  ];
  const outputs = [value('logits', 'float32', ['batch_size', 'decoder_sequence_length', vocabSize])];

  // Positions past .. past + S − 1, and the script rows past + 1 .. past + S (clamped).
  const pastShape = b.op('Shape', [past(0, 'decoder', 'key')]);
  const pastLength = b.op('Gather', [pastShape, b.ints('index_2', [2])], { axis: attr.int(0) });
  const idsShape = b.op('Shape', ['input_ids']);
  const newLength = b.op('Gather', [idsShape, b.ints('index_1', [1])], { axis: attr.int(0) });
  const pastScalar = b.op('Squeeze', [pastLength, b.ints('axis0', [0])]);
  const end = b.op('Add', [pastScalar, b.op('Squeeze', [newLength, b.ints('axis0b', [0])])]);
  initializers.push(int64Tensor('one_i', [], [1]), int64Tensor('last_row', [], [script.length - 1]));
  const positions = b.op('Range', [pastScalar, end, 'one_i']);
  const rows = b.op('Min', [b.op('Add', [positions, 'one_i']), 'last_row']);

  // Token embeddings in int8 (dequantized on lookup), positions in float.
  const embedding = b.int8Weights('embed_tokens', vocabSize, dModel);
  const tokenRows = b.op('Gather', [embedding.weights, 'input_ids'], { axis: attr.int(0) });
  const tokens = b.op('Mul', [b.op('Cast', [tokenRows], { to: attr.int(1) }), embedding.scale]);
  let x = b.op('Add', [tokens, b.op('Gather', [b.floatWeights('embed_positions.weight', [targetPositions, dModel], 12), positions], { axis: attr.int(0) })]);

  const thenB = new LayerBuilder('then_', initializers, numbers);
  const elseB = new LayerBuilder('else_', initializers, numbers);
  const ifOutputs: string[] = [];
  const thenOutputs: string[] = [];
  const elseOutputs: string[] = [];
  const placeholder = floatTensor('placeholder_kv', [1, heads, 1, HEAD_DIM], new Float32Array(dModel));
  for (let i = 0; i < layers; i++) {
    const p = `layers.${i}`;
    // Self-attention with its cache.
    const h = b.layerNorm(x, `${p}.self_attn_layer_norm`, dModel);
    const q = b.splitHeads(b.linear(h, `${p}.self_attn.q_proj`, dModel, dModel), heads, HEAD_DIM);
    for (const kv of ['key', 'value'] as const) {
      inputs.push(value(past(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length')));
      outputs.push(value(present(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length + 1')));
      const fresh = b.splitHeads(b.linear(h, `${p}.self_attn.${kv === 'key' ? 'k' : 'v'}_proj`, dModel, dModel, kv === 'value'), heads, HEAD_DIM);
      b.op('Concat', [past(i, 'decoder', kv), fresh], { axis: attr.int(2) }, present(i, 'decoder', kv));
    }
    const selfOut = b.mergeHeads(b.attention(q, present(i, 'decoder', 'key'), present(i, 'decoder', 'value'), HEAD_DIM), dModel);
    x = b.op('Add', [x, b.linear(selfOut, `${p}.self_attn.out_proj`, dModel, dModel)]);

    // Cross-attention: its keys and values come from the If below.
    const hc = b.layerNorm(x, `${p}.encoder_attn_layer_norm`, dModel);
    const qc = b.splitHeads(b.linear(hc, `${p}.encoder_attn.q_proj`, dModel, dModel), heads, HEAD_DIM);
    for (const kv of ['key', 'value'] as const) {
      inputs.push(value(past(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
      outputs.push(value(present(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
      const readout = `cross_${i}_${kv}`;
      ifOutputs.push(present(i, 'encoder', kv), readout);
      // With the cache, optimum's merged decoder returns placeholders as the encoder "present".
      thenB.nodes.push(node('Constant', [], [`then_${present(i, 'encoder', kv)}`], { value: attr.tensor({ ...placeholder, name: `placeholder_${i}_${kv}` }) }));
      thenB.op('Identity', [past(i, 'encoder', kv)], undefined, `then_${readout}`);
      thenOutputs.push(`then_${present(i, 'encoder', kv)}`, `then_${readout}`);
      const computed = elseB.splitHeads(elseB.linear('encoder_hidden_states', `${p}.encoder_attn.${kv === 'key' ? 'k' : 'v'}_proj`, dModel, dModel, kv === 'value'), heads, HEAD_DIM);
      elseB.op('Identity', [computed], undefined, `else_${present(i, 'encoder', kv)}`);
      elseB.op('Identity', [computed], undefined, `else_${readout}`);
      elseOutputs.push(`else_${present(i, 'encoder', kv)}`, `else_${readout}`);
    }
    const crossOut = b.mergeHeads(b.attention(qc, `cross_${i}_key`, `cross_${i}_value`, HEAD_DIM), dModel);
    x = b.op('Add', [x, b.linear(crossOut, `${p}.encoder_attn.out_proj`, dModel, dModel)]);
    x = b.op('Add', [x, feedForward(b, x, p, dModel, ffn)]);
  }
  inputs.push(value('use_cache_branch', 'bool', [1]));
  const branch = (name: string, builder: LayerBuilder, names: string[]): GraphSpec => ({
    name,
    inputs: [],
    outputs: names.map((n) => value(n, 'float32')),
    nodes: builder.nodes,
  });
  // The If must come before the nodes that read its outputs: put it first.
  b.nodes.unshift(node('If', ['use_cache_branch'], ifOutputs, {
    then_branch: attr.graph(branch('with_past', thenB, thenOutputs)),
    else_branch: attr.graph(branch('without_past', elseB, elseOutputs)),
  }));

  const final = b.layerNorm(x, 'layer_norm', dModel);
  const computed = b.linear(final, 'proj_out', dModel, vocabSize, false);
  const scriptIds = b.op('Gather', [b.ints('script', script), rows], { axis: attr.int(0) });
  initializers.push(int64Tensor('vocab_size', [], [vocabSize]), floatTensor('bias_values', [2], [0, SCRIPT_BIAS]));
  const bias = b.op('OneHot', [scriptIds, 'vocab_size', 'bias_values'], { axis: attr.int(-1) });
  b.op('Add', [computed, bias], undefined, 'logits');
  return { name: 'whisper_base_stand_in_decoder', inputs, outputs, nodes: b.nodes, initializers };
}
