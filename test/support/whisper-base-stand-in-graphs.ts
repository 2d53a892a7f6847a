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
import { attr, floatTensor, type GraphSpec, int64Tensor, type TensorSpec, value } from './onnx-graph';

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

type Linear = (x: string, name: string, inDim: number, outDim: number) => string;

/** A layer's feed-forward block; `linear` lets the decoder's branches use the weights they share. */
function feedForward(b: LayerBuilder, x: string, p: string, dModel: number, ffn: number, linear: Linear = (y, name, i, o) => b.linear(y, name, i, o)): string {
  const h = b.layerNorm(x, `${p}.final_layer_norm`, dModel);
  return linear(b.gelu(linear(h, `${p}.fc1`, dModel, ffn)), `${p}.fc2`, ffn, dModel);
}

const past = (i: number, side: 'decoder' | 'encoder', kv: 'key' | 'value') => `past_key_values.${i}.${side}.${kv}`;
const present = (i: number, side: 'decoder' | 'encoder', kv: 'key' | 'value') => `present.${i}.${side}.${kv}`;

/**
 * The merged decoder as optimum writes it: one If on use_cache_branch whose two branches are whole
 * decoders sharing the outer graph's weights. Without the cache (the first run) the branch computes
 * the cross-attention keys and values from encoder_hidden_states and returns them as the encoder
 * "present"; with the cache the branch attends over the past_key_values.*.encoder inputs directly
 * and returns placeholders for them, so no step copies the ~37 MB cross cache.
 * @param vocabSize logits per position (51865)
 * @param script token to favour after n tokens, for n = 0, 1, …; past the end, the last entry
 */
export function decoderGraph(vocabSize: number, script: readonly number[], dims: WhisperDims = BASE): GraphSpec {
  const { dModel, heads, layers, targetPositions, sourcePositions } = dims;
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
  for (let i = 0; i < layers; i++) {
    for (const kv of ['key', 'value'] as const) {
      inputs.push(value(past(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length')));
      outputs.push(value(present(i, 'decoder', kv), 'float32', kvShape('past_decoder_sequence_length + 1')));
    }
    for (const kv of ['key', 'value'] as const) {
      inputs.push(value(past(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
      outputs.push(value(present(i, 'encoder', kv), 'float32', kvShape('encoder_sequence_length_out')));
    }
  }
  inputs.push(value('use_cache_branch', 'bool', [1]));

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
  const embedded = b.op('Add', [tokens, b.op('Gather', [b.floatWeights('embed_positions.weight', [targetPositions, dModel], 12), positions], { axis: attr.int(0) })]);

  // Weights made once in the outer graph, read by both branches.
  const weights = decoderWeights(b, dims, vocabSize);
  const names = ['computed_logits'];
  for (let i = 0; i < layers; i++) names.push(present(i, 'decoder', 'key'), present(i, 'decoder', 'value'), present(i, 'encoder', 'key'), present(i, 'encoder', 'value'));
  const branch = (name: string, prefix: string, cached: boolean): GraphSpec => {
    const builder = new LayerBuilder(prefix, initializers, numbers);
    const made = decoderBody(builder, embedded, weights, dims, vocabSize, cached);
    return { name, inputs: [], outputs: names.map((n) => value(made[n]!, 'float32')), nodes: builder.nodes };
  };
  b.op('If', ['use_cache_branch'], {
    then_branch: attr.graph(branch('with_past', 'then_', true)),
    else_branch: attr.graph(branch('without_past', 'else_', false)),
  }, 'computed_logits');
  // op() names one output: give the If all of them.
  b.nodes[b.nodes.length - 1] = { ...b.nodes[b.nodes.length - 1]!, outputs: names };

  const scriptIds = b.op('Gather', [b.ints('script', script), rows], { axis: attr.int(0) });
  initializers.push(int64Tensor('vocab_size', [], [vocabSize]), floatTensor('bias_values', [2], [0, SCRIPT_BIAS]));
  const bias = b.op('OneHot', [scriptIds, 'vocab_size', 'bias_values'], { axis: attr.int(-1) });
  b.op('Add', ['computed_logits', bias], undefined, 'logits');
  return { name: 'whisper_base_stand_in_decoder', inputs, outputs, nodes: b.nodes, initializers };
}

type LinearWeights = ReturnType<LayerBuilder['int8Weights']>;

/** Every int8 matrix of the decoder, by its layer name. */
function decoderWeights(b: LayerBuilder, dims: WhisperDims, vocabSize: number): Map<string, LinearWeights> {
  const { dModel, layers, ffn } = dims;
  const out = new Map<string, LinearWeights>();
  const add = (name: string, inDim: number, outDim: number) => out.set(name, b.int8Weights(name, inDim, outDim));
  for (let i = 0; i < layers; i++) {
    const p = `layers.${i}`;
    for (const proj of ['q', 'k', 'v', 'out']) add(`${p}.self_attn.${proj}_proj`, dModel, dModel);
    for (const proj of ['q', 'k', 'v', 'out']) add(`${p}.encoder_attn.${proj}_proj`, dModel, dModel);
    add(`${p}.fc1`, dModel, ffn);
    add(`${p}.fc2`, ffn, dModel);
  }
  add('proj_out', dModel, vocabSize);
  return out;
}

/** One branch's decoder: its output names by the merged graph's names. */
function decoderBody(b: LayerBuilder, embedded: string, weights: ReadonlyMap<string, LinearWeights>, dims: WhisperDims, vocabSize: number, cached: boolean): Record<string, string> {
  const { dModel, heads, layers, ffn } = dims;
  const HEAD_DIM = dModel / heads;
  const linear = (x: string, name: string, inDim: number, outDim: number, bias = true) => b.linear(x, name, inDim, outDim, bias, weights.get(name)!);
  const made: Record<string, string> = {};
  const placeholder = cached ? b.constant('placeholder_kv', [1, heads, 1, HEAD_DIM], new Float32Array(dModel)) : '';
  let x = embedded;
  for (let i = 0; i < layers; i++) {
    const p = `layers.${i}`;
    const h = b.layerNorm(x, `${p}.self_attn_layer_norm`, dModel);
    const q = b.splitHeads(linear(h, `${p}.self_attn.q_proj`, dModel, dModel), heads, HEAD_DIM);
    for (const kv of ['key', 'value'] as const) {
      const fresh = b.splitHeads(linear(h, `${p}.self_attn.${kv === 'key' ? 'k' : 'v'}_proj`, dModel, dModel, kv === 'value'), heads, HEAD_DIM);
      made[present(i, 'decoder', kv)] = b.op('Concat', [past(i, 'decoder', kv), fresh], { axis: attr.int(2) });
    }
    const selfOut = b.mergeHeads(b.attention(q, made[present(i, 'decoder', 'key')]!, made[present(i, 'decoder', 'value')]!, HEAD_DIM), dModel);
    x = b.op('Add', [x, linear(selfOut, `${p}.self_attn.out_proj`, dModel, dModel)]);

    const hc = b.layerNorm(x, `${p}.encoder_attn_layer_norm`, dModel);
    const qc = b.splitHeads(linear(hc, `${p}.encoder_attn.q_proj`, dModel, dModel), heads, HEAD_DIM);
    const cross: Record<'key' | 'value', string> = { key: '', value: '' };
    for (const kv of ['key', 'value'] as const) {
      if (cached) {
        cross[kv] = past(i, 'encoder', kv);
        // With the cache, optimum's merged decoder returns placeholders as the encoder "present".
        made[present(i, 'encoder', kv)] = b.op('Identity', [placeholder]);
      } else {
        cross[kv] = b.splitHeads(linear('encoder_hidden_states', `${p}.encoder_attn.${kv === 'key' ? 'k' : 'v'}_proj`, dModel, dModel, kv === 'value'), heads, HEAD_DIM);
        made[present(i, 'encoder', kv)] = cross[kv];
      }
    }
    const crossOut = b.mergeHeads(b.attention(qc, cross.key, cross.value, HEAD_DIM), dModel);
    x = b.op('Add', [x, linear(crossOut, `${p}.encoder_attn.out_proj`, dModel, dModel)]);
    x = b.op('Add', [x, feedForward(b, x, p, dModel, ffn, linear)]);
  }
  made.computed_logits = linear(b.layerNorm(x, 'layer_norm', dModel), 'proj_out', dModel, vocabSize, false);
  return made;
}
