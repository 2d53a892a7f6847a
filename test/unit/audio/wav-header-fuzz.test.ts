// Random and mangled bytes given as a WAV: always a clear audio_invalid error or audio, never a
// RangeError from reading past the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWav, encodeWav16 } from '../../../src/main/core/audio/wav-codec';
import { EarshotError } from '../../../src/shared/errors';

function decodesOrExplains(bytes: Uint8Array): void {
  try {
    decodeWav(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(EarshotError);
    expect((error as EarshotError).code).toBe('audio_invalid');
  }
}

describe('WAV header fuzzing', () => {
  const good = encodeWav16(Float32Array.from({ length: 64 }, (_, i) => Math.sin(i)), 16_000);

  it('any prefix of a good file, and any bytes at all', () => {
    for (let cut = 0; cut <= good.length; cut += 1) decodesOrExplains(good.subarray(0, cut));
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodesOrExplains(bytes)), { numRuns: 500 });
  });

  it('a good file with random bytes of its header changed', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 43 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
        const bytes = good.slice();
        for (const [at, value] of edits) bytes[at] = value;
        decodesOrExplains(bytes);
      }),
      { numRuns: 500 },
    );
  });
});
