// Transformer building blocks for stand-in models of a real model's size (onnx-graph.ts underneath):
// int8 linear layers in the pattern onnxruntime's dynamic quantization writes (DynamicQuantizeLinear
// on the activations, MatMulInteger against int8 weights, then the scales), layer norms, GELU,
// multi-head attention. The weights are seeded pseudo-random numbers scaled so activations stay
// near unit size through any depth: the point is the arithmetic a real model of these dimensions
// does, not what it computes.
import { attr, floatTensor, int64Tensor, int8Tensor, node, type AttributeSpec, type NodeSpec, type TensorSpec } from './onnx-graph';

/** A deterministic stream of pseudo-random numbers (a 32-bit LCG). */
export class SeededNumbers {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [-0.5, 0.5). */
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state / 2 ** 32 - 0.5;
  }

  floats(count: number, scale: number): Float32Array {
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = this.next() * scale;
    return out;
  }

  /** Uniform int8 in [-127, 127]. */
  int8s(count: number): Int8Array {
    const out = new Int8Array(count);
    for (let i = 0; i < count; i++) out[i] = Math.round(this.next() * 254);
    return out;
  }
}

/** Standard deviation of a uniform int8 weight in [-127, 127]. */
const INT8_STD = 127 / Math.sqrt(3);

/** Collects the nodes and initializers of one graph (or subgraph); names are unique per builder. */
export class LayerBuilder {
  readonly nodes: NodeSpec[] = [];
  private count = 0;

  /**
   * @param initializers where weights go: share the main graph's list with a subgraph's builder, as
   *   ONNX lets subgraphs read the outer graph's initializers.
   */
  constructor(
    private readonly prefix: string,
    readonly initializers: TensorSpec[],
    private readonly numbers: SeededNumbers,
  ) {}

  fresh(hint: string): string {
    return `${this.prefix}${hint}_${this.count++}`;
  }

  /** Adds one node with a single output and returns the output's name. */
  op(op: string, inputs: readonly string[], attributes?: Readonly<Record<string, AttributeSpec>>, output?: string): string {
    const out = output ?? this.fresh(op.toLowerCase());
    this.nodes.push(node(op, inputs, [out], attributes));
    return out;
  }

  constant(name: string, dims: readonly number[], values: ArrayLike<number>): string {
    const full = `${this.prefix}${name}`;
    this.initializers.push(floatTensor(full, dims, values));
    return full;
  }

  ints(name: string, values: readonly number[]): string {
    const full = `${this.prefix}${name}`;
    this.initializers.push(int64Tensor(full, [values.length], values));
    return full;
  }

  /** Random float weights with a fan-in scale (for convolutions and embeddings kept in float). */
  floatWeights(name: string, dims: readonly number[], fanIn: number): string {
    const count = dims.reduce((a, b) => a * b, 1);
    return this.constant(name, dims, this.numbers.floats(count, Math.sqrt(12 / fanIn)));
  }

  /** An int8 weight matrix [inDim, outDim] and its scale (a float scalar). */
  int8Weights(name: string, inDim: number, outDim: number): { weights: string; scale: string } {
    const weights = `${this.prefix}${name}.weight_quantized`;
    this.initializers.push(int8Tensor(weights, [inDim, outDim], this.numbers.int8s(inDim * outDim)));
    return { weights, scale: this.constant(`${name}.weight_scale`, [], [1 / (INT8_STD * Math.sqrt(inDim))]) };
  }

  /** x [..., inDim] · W [inDim, outDim] (+ bias) with W in int8 and x quantized on the fly. */
  linear(x: string, name: string, inDim: number, outDim: number, bias = true, weights = this.int8Weights(name, inDim, outDim)): string {
    const quantized = this.fresh(`${name}_xq`);
    const xScale = this.fresh(`${name}_xscale`);
    const xZero = this.fresh(`${name}_xzero`);
    this.nodes.push(node('DynamicQuantizeLinear', [x], [quantized, xScale, xZero]));
    const zero = this.ensureInt8Zero();
    const product = this.op('MatMulInteger', [quantized, weights.weights, xZero, zero]);
    const asFloat = this.op('Cast', [product], { to: attr.int(1) });
    const scale = this.op('Mul', [xScale, weights.scale]);
    const scaled = this.op('Mul', [asFloat, scale]);
    if (!bias) return scaled;
    return this.op('Add', [scaled, this.constant(`${name}.bias`, [outDim], this.numbers.floats(outDim, 0.02))]);
  }

  layerNorm(x: string, name: string, dim: number): string {
    const scale = this.constant(`${name}.weight`, [dim], new Float32Array(dim).fill(1));
    const bias = this.constant(`${name}.bias`, [dim], new Float32Array(dim));
    return this.op('LayerNormalization', [x, scale, bias], { axis: attr.int(-1), epsilon: attr.float(1e-5) });
  }

  /** GELU as 0.5 · x · (1 + erf(x / √2)) (opset 17 has no Gelu op; onnxruntime fuses this). */
  gelu(x: string): string {
    const scaled = this.op('Mul', [x, this.shared('inv_sqrt2', Math.SQRT1_2)]);
    const erf = this.op('Erf', [scaled]);
    const onePlus = this.op('Add', [erf, this.shared('one', 1)]);
    const half = this.op('Mul', [x, this.shared('half', 0.5)]);
    return this.op('Mul', [half, onePlus]);
  }

  /** [B, S, H·hd] → [B, H, S, hd] */
  splitHeads(x: string, heads: number, headDim: number): string {
    const shaped = this.op('Reshape', [x, this.sharedInts(`bshd_${heads}_${headDim}`, [0, 0, heads, headDim])]);
    return this.op('Transpose', [shaped], { perm: attr.ints([0, 2, 1, 3]) });
  }

  /** [B, H, S, hd] → [B, S, H·hd] */
  mergeHeads(x: string, dim: number): string {
    const back = this.op('Transpose', [x], { perm: attr.ints([0, 2, 1, 3]) });
    return this.op('Reshape', [back, this.sharedInts(`bsd_${dim}`, [0, 0, dim])]);
  }

  /** softmax(q·kᵀ/√hd)·v over [B, H, S, hd] tensors. */
  attention(q: string, k: string, v: string, headDim: number): string {
    const kT = this.op('Transpose', [k], { perm: attr.ints([0, 1, 3, 2]) });
    const scores = this.op('MatMul', [q, kT]);
    const scaled = this.op('Mul', [scores, this.shared(`inv_sqrt_hd_${headDim}`, 1 / Math.sqrt(headDim))]);
    const weights = this.op('Softmax', [scaled], { axis: attr.int(-1) });
    return this.op('MatMul', [weights, v]);
  }

  private readonly made = new Set<string>();

  private shared(name: string, value: number): string {
    const full = `${this.prefix}${name}`;
    if (!this.made.has(full)) {
      this.made.add(full);
      this.initializers.push(floatTensor(full, [], [value]));
    }
    return full;
  }

  private sharedInts(name: string, values: readonly number[]): string {
    const full = `${this.prefix}${name}`;
    if (!this.made.has(full)) {
      this.made.add(full);
      this.initializers.push(int64Tensor(full, [values.length], values));
    }
    return full;
  }

  private ensureInt8Zero(): string {
    const full = `${this.prefix}int8_zero`;
    if (!this.made.has(full)) {
      this.made.add(full);
      this.initializers.push(int8Tensor(full, [], new Int8Array(1)));
    }
    return full;
  }
}
