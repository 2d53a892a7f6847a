// Reading an ONNX file's metadata without loading it: what a voice check relies on to turn a file
// sherpa-onnx would die on into an error message.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseOnnxHeader, type ByteSource } from '../../../../src/main/core/engines/onnx-metadata';
import { buildModel, floatTensor, node, value } from '../../../support/onnx-graph';

function source(bytes: Uint8Array): ByteSource & { reads: number; bytesRead: number } {
  const s = {
    size: bytes.length,
    reads: 0,
    bytesRead: 0,
    read: async (position: number, length: number) => {
      s.reads += 1;
      s.bytesRead += length;
      return bytes.slice(position, position + length);
    },
  };
  return s;
}

const model = (metadata?: Record<string, string>, weights = 0) =>
  buildModel({
    graph: {
      inputs: [value('x', 'float32', [1])],
      outputs: [value('y', 'float32', [1])],
      nodes: [node('Identity', ['x'], ['y'])],
      initializers: weights > 0 ? [floatTensor('w', [weights], new Float32Array(weights))] : [],
    },
    ...(metadata ? { metadata } : {}),
  });

describe('parseOnnxHeader', () => {
  it('reads every metadata entry and sees the graph', async () => {
    const result = await parseOnnxHeader(source(model({ sample_rate: '22050', comment: 'piper', voice: 'pt-br' })));
    expect(result).toEqual({ ok: true, header: { metadata: { sample_rate: '22050', comment: 'piper', voice: 'pt-br' }, hasGraph: true } });
  });

  it('keeps non-ASCII metadata text intact', async () => {
    const result = await parseOnnxHeader(source(model({ language: 'Português' })));
    expect(result.ok && result.header.metadata.language).toBe('Português');
  });

  it('reports a model with no metadata as having none', async () => {
    const result = await parseOnnxHeader(source(model()));
    expect(result).toEqual({ ok: true, header: { metadata: {}, hasGraph: true } });
  });

  it('skips over a large graph without reading it', async () => {
    const bytes = model({ sample_rate: '16000' }, 1_000_000);
    const s = source(bytes);
    const result = await parseOnnxHeader(s);
    expect(result.ok && result.header.metadata.sample_rate).toBe('16000');
    expect(s.bytesRead).toBeLessThan(1_000);
  });

  it('notices a file with no graph', async () => {
    // ir_version = 8 and nothing else: valid protobuf, but no model to run.
    const irOnly = await parseOnnxHeader(source(Uint8Array.from([0x08, 0x08])));
    expect(irOnly).toEqual({ ok: true, header: { metadata: {}, hasGraph: false } });
  });

  it('rejects an empty file', async () => {
    expect(await parseOnnxHeader(source(new Uint8Array(0)))).toEqual({ ok: false, problem: 'the file is empty' });
  });

  it('rejects text junk', async () => {
    const result = await parseOnnxHeader(source(new TextEncoder().encode('this is not an onnx model at all')));
    expect(result.ok).toBe(false);
  });

  it('rejects a truncated model', async () => {
    const bytes = model({ sample_rate: '16000' }, 1000);
    const result = await parseOnnxHeader(source(bytes.subarray(0, bytes.length - 50)));
    expect(result).toMatchObject({ ok: false, problem: expect.stringMatching(/truncated/) });
  });

  it('never throws, whatever the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const result = await parseOnnxHeader(source(bytes));
        expect(typeof result.ok).toBe('boolean');
      }),
    );
  });
});
