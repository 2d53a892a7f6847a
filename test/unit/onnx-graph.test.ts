// The test model builder produces models onnxruntime really loads and runs, with the declared
// names, types, shapes, attributes, initializers and metadata.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { onnx } from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attr,
  boolTensor,
  buildModel,
  floatTensor,
  int32Tensor,
  int64Tensor,
  node,
  value,
  writeModel,
  type ModelSpec,
} from '../support/onnx-graph';

const addMatMul: ModelSpec = {
  graph: {
    inputs: [value('x', 'float32', ['batch', 2]), value('y', 'float32', ['batch', 2])],
    outputs: [value('z', 'float32', ['batch', 3])],
    nodes: [node('Add', ['x', 'y'], ['sum']), node('MatMul', ['sum', 'w'], ['z'])],
    initializers: [floatTensor('w', [2, 3], [1, 2, 3, 4, 5, 6])],
  },
  metadata: { model_type: 'test', sample_rate: '22050' },
};

async function session(spec: ModelSpec): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(buildModel(spec));
}

describe('onnx-graph', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'earshot-onnx-graph-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('builds an Add + MatMul model that onnxruntime runs', async () => {
    const s = await session(addMatMul);
    const x = new ort.Tensor('float32', Float32Array.from([1, 0, 0, 1]), [2, 2]);
    const y = new ort.Tensor('float32', Float32Array.from([0, 0, 1, 0]), [2, 2]);
    const { z } = await s.run({ x, y });
    expect(z?.dims).toEqual([2, 3]);
    // row 0: [1,0]·w = [1,2,3]; row 1: [1,1]·w = [5,7,9]
    expect(Array.from(z?.data as Float32Array)).toEqual([1, 2, 3, 5, 7, 9]);
  });

  it('declares input names, element types and symbolic dims', async () => {
    const s = await session({
      graph: {
        inputs: [value('ids', 'int64', [1, 'N']), value('lengths', 'int64', [1])],
        outputs: [value('out', 'int64', [1, 'N'])],
        nodes: [node('Mul', ['ids', 'lengths'], ['out'])],
      },
    });
    expect(s.inputNames).toEqual(['ids', 'lengths']);
    expect(s.inputMetadata[0]).toMatchObject({ name: 'ids', isTensor: true, type: 'int64', shape: [1, 'N'] });
    const ids = new ort.Tensor('int64', BigInt64Array.from([1n, 2n, 3n]), [1, 3]);
    const lengths = new ort.Tensor('int64', BigInt64Array.from([3n]), [1]);
    const { out } = await s.run({ ids, lengths });
    expect(Array.from(out?.data as BigInt64Array)).toEqual([3n, 6n, 9n]);
  });

  it('encodes int, float, ints, tensor and graph attributes and int64/int32/bool initializers', async () => {
    const branch = (name: string, v: number) => ({
      name,
      inputs: [],
      outputs: [value(`${name}_out`, 'float32', [1])],
      nodes: [node('Constant', [], [`${name}_out`], { value: attr.tensor(floatTensor('c', [1], [v])) })],
    });
    const s = await session({
      graph: {
        inputs: [value('x', 'float32', [2, 3])],
        outputs: [
          value('summed', 'float32', [2]),
          value('leaky', 'float32', [2, 3]),
          value('chosen', 'float32', [1]),
          value('shape', 'int64', [2]),
          value('idx', 'int32', [2]),
        ],
        nodes: [
          node('ReduceSum', ['x', 'axes'], ['summed'], { keepdims: attr.int(0) }),
          node('LeakyRelu', ['x'], ['leaky'], { alpha: attr.float(0.5) }),
          node('If', ['cond'], ['chosen'], { then_branch: attr.graph(branch('yes', 7)), else_branch: attr.graph(branch('no', 9)) }),
          node('Shape', ['x'], ['shape']),
          node('Identity', ['idx_init'], ['idx']),
        ],
        initializers: [
          int64Tensor('axes', [1], [1]),
          boolTensor('cond', [], [true]),
          int32Tensor('idx_init', [2], [4, -5]),
        ],
      },
    });
    const x = new ort.Tensor('float32', Float32Array.from([1, -2, 3, -4, 5, 6]), [2, 3]);
    const r = await s.run({ x });
    expect(Array.from(r.summed?.data as Float32Array)).toEqual([2, 7]);
    expect(Array.from(r.leaky?.data as Float32Array)).toEqual([1, -1, 3, -2, 5, 6]);
    expect(Array.from(r.chosen?.data as Float32Array)).toEqual([7]);
    expect(Array.from(r.shape?.data as BigInt64Array)).toEqual([2n, 3n]);
    expect(Array.from(r.idx?.data as Int32Array)).toEqual([4, -5]);
  });

  it('writes opset, ir_version and metadata_props to a file', async () => {
    const path = join(dir, 'nested', 'model.onnx');
    const bytes = await writeModel(path, { ...addMatMul, opset: 13, irVersion: 7 });
    const decoded = onnx.ModelProto.decode(await readFile(path));
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
    expect(Number(decoded.irVersion)).toBe(7);
    expect(decoded.opsetImport.map((o) => Number(o.version))).toEqual([13]);
    expect(decoded.metadataProps.map((p) => [p.key, p.value])).toEqual([
      ['model_type', 'test'],
      ['sample_rate', '22050'],
    ]);
    await expect(ort.InferenceSession.create(path)).resolves.toBeDefined();
  });

  it('rejects a tensor whose values do not fill its dims', () => {
    expect(() => floatTensor('w', [2, 3], [1, 2])).toThrow(/dims \[2, 3\] hold 6 values, got 2/);
  });
});
