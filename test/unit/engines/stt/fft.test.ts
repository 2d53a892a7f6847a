import { describe, expect, it } from 'vitest';
import { ComplexFft, factorize, RealFft } from '../../../../src/main/core/engines/stt/fft';

function naiveDft(re: ArrayLike<number>, im: ArrayLike<number>): { re: number[]; im: number[] } {
  const n = re.length;
  const outRe: number[] = [];
  const outIm: number[] = [];
  for (let k = 0; k < n; k++) {
    let sr = 0;
    let si = 0;
    for (let j = 0; j < n; j++) {
      const a = (-2 * Math.PI * j * k) / n;
      sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
      si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
    }
    outRe.push(sr);
    outIm.push(si);
  }
  return { re: outRe, im: outIm };
}

function seeded(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

describe('factorize', () => {
  it('splits sizes into small factors, 4s first', () => {
    expect(factorize(400)).toEqual([4, 4, 5, 5]);
    expect(factorize(200)).toEqual([4, 2, 5, 5]);
    expect(factorize(7)).toEqual([7]);
    expect(factorize(1)).toEqual([]);
    expect(() => factorize(0)).toThrow(RangeError);
  });
});

describe('ComplexFft', () => {
  it.each([1, 2, 3, 8, 12, 45, 200, 400, 49])('matches a naive DFT at size %i', (n) => {
    const re = seeded(n, n);
    const im = seeded(n, n + 1000);
    const outRe = new Float64Array(n);
    const outIm = new Float64Array(n);
    new ComplexFft(n).forward(re, im, outRe, outIm);
    const expected = naiveDft(re, im);
    for (let k = 0; k < n; k++) {
      expect(outRe[k]).toBeCloseTo(expected.re[k]!, 9);
      expect(outIm[k]).toBeCloseTo(expected.im[k]!, 9);
    }
  });
});

describe('RealFft', () => {
  it.each([2, 10, 400])('matches the first half of a naive DFT at size %i', (n) => {
    const x = seeded(n, 7 * n);
    const fft = new RealFft(n);
    const re = new Float64Array(fft.bins);
    const im = new Float64Array(fft.bins);
    fft.forward(x, re, im);
    const expected = naiveDft(x, new Float64Array(n));
    for (let k = 0; k < fft.bins; k++) {
      expect(re[k]).toBeCloseTo(expected.re[k]!, 9);
      expect(im[k]).toBeCloseTo(expected.im[k]!, 9);
    }
    const power = new Float64Array(fft.bins);
    fft.powerSpectrum(x, power);
    for (let k = 0; k < fft.bins; k++) {
      expect(power[k]).toBeCloseTo(expected.re[k]! ** 2 + expected.im[k]! ** 2, 7);
    }
  });

  it('rejects odd sizes', () => {
    expect(() => new RealFft(401)).toThrow(RangeError);
  });
});
