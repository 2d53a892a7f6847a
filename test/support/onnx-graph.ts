// A small ONNX model builder for tests: declare a graph (inputs, outputs, nodes, initializers) and
// model properties (opset, ir_version, metadata_props), then serialize it with onnx-proto. Used to
// make stand-in models that real runtimes (onnxruntime-node, sherpa-onnx-node) load and run.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { onnx } from 'onnx-proto';

export type ElementType = 'float32' | 'int64' | 'int32' | 'bool' | 'int8' | 'uint8';

/** A dimension is a fixed size or a symbolic name (e.g. 'batch', 'N'). */
export type Dim = number | string;

export interface ValueSpec {
  name: string;
  type: ElementType;
  /** Omit for a value of unknown rank. */
  shape?: readonly Dim[];
}

export interface TensorSpec {
  name: string;
  type: ElementType;
  dims: readonly number[];
  values: Float32Array | BigInt64Array | Int32Array | Uint8Array | Int8Array;
}

export type AttributeSpec =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: readonly number[] }
  | { kind: 'floats'; value: readonly number[] }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: TensorSpec }
  | { kind: 'graph'; value: GraphSpec };

export interface NodeSpec {
  op: string;
  inputs: readonly string[];
  outputs: readonly string[];
  attributes?: Readonly<Record<string, AttributeSpec>>;
  name?: string;
  /** Operator domain; '' (the default ONNX domain) when omitted. */
  domain?: string;
}

export interface GraphSpec {
  name?: string;
  inputs: readonly ValueSpec[];
  outputs: readonly ValueSpec[];
  nodes: readonly NodeSpec[];
  initializers?: readonly TensorSpec[];
}

export interface ModelSpec {
  graph: GraphSpec;
  /** Default-domain opset version; 17 when omitted. */
  opset?: number;
  /** 8 when omitted (the IR version that goes with opset 17). */
  irVersion?: number;
  /** Written as metadata_props, in this order. */
  metadata?: Readonly<Record<string, string>>;
  producerName?: string;
}

export const DEFAULT_OPSET = 17;
export const DEFAULT_IR_VERSION = 8;

const DATA_TYPES: Record<ElementType, onnx.TensorProto.DataType> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
  int32: onnx.TensorProto.DataType.INT32,
  bool: onnx.TensorProto.DataType.BOOL,
  int8: onnx.TensorProto.DataType.INT8,
  uint8: onnx.TensorProto.DataType.UINT8,
};

// ---- value builders -------------------------------------------------------------------------

export function value(name: string, type: ElementType, shape?: readonly Dim[]): ValueSpec {
  return shape === undefined ? { name, type } : { name, type, shape };
}

export function floatTensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorSpec {
  return checked({ name, type: 'float32', dims, values: Float32Array.from(values) });
}

export function int64Tensor(name: string, dims: readonly number[], values: ArrayLike<number | bigint>): TensorSpec {
  const data = BigInt64Array.from(Array.from(values, (v) => BigInt(v)));
  return checked({ name, type: 'int64', dims, values: data });
}

export function int32Tensor(name: string, dims: readonly number[], values: ArrayLike<number>): TensorSpec {
  return checked({ name, type: 'int32', dims, values: Int32Array.from(values) });
}

export function boolTensor(name: string, dims: readonly number[], values: ArrayLike<boolean>): TensorSpec {
  return checked({ name, type: 'bool', dims, values: Uint8Array.from(Array.from(values, (v) => (v ? 1 : 0))) });
}

/** Quantized weights, as int8 exports store them. */
export function int8Tensor(name: string, dims: readonly number[], values: Int8Array): TensorSpec {
  return checked({ name, type: 'int8', dims, values });
}

export function node(
  op: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes?: Readonly<Record<string, AttributeSpec>>,
): NodeSpec {
  return attributes === undefined ? { op, inputs, outputs } : { op, inputs, outputs, attributes };
}

/** Tagged attribute values: ONNX tells ints from floats, JavaScript numbers do not. */
export const attr = {
  int: (value: number): AttributeSpec => ({ kind: 'int', value }),
  float: (value: number): AttributeSpec => ({ kind: 'float', value }),
  ints: (value: readonly number[]): AttributeSpec => ({ kind: 'ints', value }),
  floats: (value: readonly number[]): AttributeSpec => ({ kind: 'floats', value }),
  string: (value: string): AttributeSpec => ({ kind: 'string', value }),
  tensor: (value: TensorSpec): AttributeSpec => ({ kind: 'tensor', value }),
  graph: (value: GraphSpec): AttributeSpec => ({ kind: 'graph', value }),
};

// ---- serialization ----------------------------------------------------------------------------

/** The model as ONNX protobuf bytes. */
export function buildModel(spec: ModelSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: spec.irVersion ?? DEFAULT_IR_VERSION,
    producerName: spec.producerName ?? 'earshot-test',
    opsetImport: [{ domain: '', version: spec.opset ?? DEFAULT_OPSET }],
    graph: graphProto(spec.graph),
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, val]) => ({ key, value: val })),
  });
  // protobufjs hands back a Node Buffer (possibly a pool slice); return plain bytes of our own.
  return new Uint8Array(onnx.ModelProto.encode(model).finish());
}

/** Writes the model to `path` (creating the folder) and returns the bytes written. */
export async function writeModel(path: string, spec: ModelSpec): Promise<Uint8Array> {
  const bytes = buildModel(spec);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return bytes;
}

function graphProto(spec: GraphSpec): onnx.IGraphProto {
  return {
    name: spec.name ?? 'graph',
    input: spec.inputs.map(valueInfo),
    output: spec.outputs.map(valueInfo),
    node: spec.nodes.map((n, i) => nodeProto(n, i)),
    initializer: (spec.initializers ?? []).map(tensorProto),
  };
}

function valueInfo(spec: ValueSpec): onnx.IValueInfoProto {
  const tensorType: onnx.TypeProto.ITensor = { elemType: DATA_TYPES[spec.type] };
  if (spec.shape !== undefined) {
    tensorType.shape = {
      dim: spec.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })),
    };
  }
  return { name: spec.name, type: { tensorType } };
}

function nodeProto(spec: NodeSpec, index: number): onnx.INodeProto {
  return {
    name: spec.name ?? `${spec.op}_${index}`,
    opType: spec.op,
    domain: spec.domain ?? '',
    input: [...spec.inputs],
    output: [...spec.outputs],
    attribute: Object.entries(spec.attributes ?? {}).map(([name, a]) => attributeProto(name, a)),
  };
}

function attributeProto(name: string, spec: AttributeSpec): onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  switch (spec.kind) {
    case 'int':
      return { name, type: T.INT, i: spec.value };
    case 'float':
      return { name, type: T.FLOAT, f: spec.value };
    case 'ints':
      return { name, type: T.INTS, ints: [...spec.value] };
    case 'floats':
      return { name, type: T.FLOATS, floats: [...spec.value] };
    case 'string':
      return { name, type: T.STRING, s: new TextEncoder().encode(spec.value) };
    case 'tensor':
      return { name, type: T.TENSOR, t: tensorProto(spec.value) };
    case 'graph':
      return { name, type: T.GRAPH, g: graphProto(spec.value) };
  }
}

function tensorProto(spec: TensorSpec): onnx.ITensorProto {
  const bytes = new Uint8Array(spec.values.buffer, spec.values.byteOffset, spec.values.byteLength);
  return {
    name: spec.name,
    dataType: DATA_TYPES[spec.type],
    dims: [...spec.dims],
    // raw_data is little-endian; typed arrays are too on every platform we run on.
    rawData: Uint8Array.from(bytes),
  };
}

function checked(spec: TensorSpec): TensorSpec {
  const count = spec.dims.reduce((a, b) => a * b, 1);
  if (count !== spec.values.length) {
    throw new Error(`Tensor "${spec.name}": dims [${spec.dims.join(', ')}] hold ${count} values, got ${spec.values.length}`);
  }
  return spec;
}
