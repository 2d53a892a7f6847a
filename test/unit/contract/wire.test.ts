import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ToFloat32, decodeWire, encodeWire, F32_TAG, float32ToBase64, parseHostMessage, parseWireRequest, WireFormatError } from '../../../src/shared/wire';

function sameBits(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

describe('wire format', () => {
  it('round-trips any Float32Array bit for bit, including NaN, -0 and infinities', () => {
    fc.assert(
      fc.property(fc.float32Array({ maxLength: 2000 }), (samples) => {
        const back = decodeWire(encodeWire({ id: 1, name: 'turn.audio', params: { turnId: 't', samples } })) as {
          params: { samples: Float32Array };
        };
        expect(back.params.samples).toBeInstanceOf(Float32Array);
        expect(sameBits(back.params.samples, samples)).toBe(true);
      }),
    );
    const special = new Float32Array([Number.NaN, -0, Infinity, -Infinity, 1e-45, 3.4028234663852886e38]);
    expect(sameBits(base64ToFloat32(float32ToBase64(special)), special)).toBe(true);
  });

  it('writes little-endian bytes as base64 under the tag, so any client can decode it', () => {
    const text = encodeWire({ samples: new Float32Array([1]) });
    // 1.0f = 0x3f800000 → little-endian bytes 00 00 80 3f
    expect(JSON.parse(text)).toEqual({ samples: { [F32_TAG]: Buffer.from([0, 0, 0x80, 0x3f]).toString('base64') } });
  });

  it('carries a full 2 s chunk (32 000 samples) and a subarray view correctly', () => {
    const big = Float32Array.from({ length: 40_000 }, (_, i) => Math.sin(i / 7));
    const view = big.subarray(5000, 37_000);
    const back = decodeWire(encodeWire([view])) as Float32Array[];
    expect(sameBits(back[0] as Float32Array, view)).toBe(true);
  });

  it('leaves ordinary JSON alone and keeps objects that only look tagged when they are not', () => {
    const message = { event: 'turn', payload: { type: 'token', text: '$f32', nested: { [F32_TAG]: 5, other: 1 } } };
    expect(decodeWire(encodeWire(message))).toEqual(message);
  });

  it('rejects broken input with a WireFormatError instead of crashing', () => {
    expect(() => decodeWire('{not json')).toThrow(WireFormatError);
    expect(() => decodeWire(JSON.stringify({ a: { [F32_TAG]: '%%%' } }))).toThrow(WireFormatError);
    expect(() => decodeWire(JSON.stringify({ a: { [F32_TAG]: btoa('abc') } }))).toThrow(/whole number/);
  });

  it('does not let a __proto__ key in a message change any prototype', () => {
    const decoded = decodeWire('{"id":1,"name":"settings.update","params":{"patch":{"__proto__":{"polluted":true}}}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
  });

  it('sorts request, response and event shapes', () => {
    expect(parseWireRequest({ id: 3, name: 'turn.ask', params: { text: 'hi' } })).toEqual({ id: 3, name: 'turn.ask', params: { text: 'hi' } });
    expect(parseWireRequest({ id: {}, name: 'turn.ask' })).toBeNull();
    expect(parseWireRequest({ id: 'x'.repeat(65), name: 'turn.ask' })).toBeNull();
    expect(parseWireRequest([1, 2])).toBeNull();
    expect(parseHostMessage({ id: 3, reply: { ok: true, value: null } })).toEqual({ kind: 'response', id: 3, reply: { ok: true, value: null } });
    expect(parseHostMessage({ event: 'notice', payload: { level: 'info', message: 'm' } })).toMatchObject({ kind: 'event', event: 'notice' });
    expect(parseHostMessage({ something: 'else' })).toBeNull();
  });
});
