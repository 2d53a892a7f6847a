// Fast Fourier transforms for the log-mel front end. A mixed-radix Cooley–Tukey complex FFT for
// any size (fast when the size factors into small primes, e.g. 200 = 2³·5²), and a real FFT of
// even size N done as one complex FFT of size N/2 plus a split step. Plans are built once and
// reused; transforms allocate nothing.

/** Splits n into prime factors, 4s first (fewer passes), then 2, 3, 5, … */
export function factorize(n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`FFT size must be a positive integer, got ${n}`);
  const factors: number[] = [];
  let rest = n;
  while (rest % 4 === 0) {
    factors.push(4);
    rest /= 4;
  }
  for (let p = 2; rest > 1; p += p === 2 ? 1 : 2) {
    if (p * p > rest) {
      factors.push(rest);
      break;
    }
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  return factors;
}

/** Complex FFT of a fixed size: X[k] = Σ x[n]·e^(−2πi·nk/N). */
export class ComplexFft {
  readonly size: number;
  private readonly factors: number[];
  /** cos/sin of −2πj/N for j in [0, N). */
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly scratchRe: Float64Array;
  private readonly scratchIm: Float64Array;

  constructor(size: number) {
    this.size = size;
    this.factors = factorize(size);
    this.cos = new Float64Array(size);
    this.sin = new Float64Array(size);
    for (let j = 0; j < size; j++) {
      const angle = (-2 * Math.PI * j) / size;
      this.cos[j] = Math.cos(angle);
      this.sin[j] = Math.sin(angle);
    }
    const largest = Math.max(...this.factors, 1);
    this.scratchRe = new Float64Array(largest);
    this.scratchIm = new Float64Array(largest);
  }

  /** Transforms (inRe, inIm) into (outRe, outIm). Input and output must not overlap. */
  forward(inRe: ArrayLike<number>, inIm: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    if (outRe.length < this.size || outIm.length < this.size) throw new RangeError('FFT output is too short');
    this.pass(inRe, inIm, 0, 1, outRe, outIm, 0, 0);
  }

  // Decimation in time: the size-n transform of x[offset + stride·k] is built from p transforms of
  // size m = n/p over the p interleaved subsequences, then one p-point DFT per output column.
  private pass(
    inRe: ArrayLike<number>,
    inIm: ArrayLike<number>,
    offset: number,
    stride: number,
    outRe: Float64Array,
    outIm: Float64Array,
    outOffset: number,
    level: number,
  ): void {
    const n = this.size / stride;
    if (n === 1) {
      outRe[outOffset] = inRe[offset] ?? 0;
      outIm[outOffset] = inIm[offset] ?? 0;
      return;
    }
    const p = this.factors[level] ?? n;
    const m = n / p;
    for (let r = 0; r < p; r++) {
      this.pass(inRe, inIm, offset + r * stride, stride * p, outRe, outIm, outOffset + r * m, level + 1);
    }
    const { cos, sin, scratchRe: tRe, scratchIm: tIm } = this;
    // e^(−2πi·j/n) is entry j·stride of the size-N table.
    for (let k = 0; k < m; k++) {
      for (let r = 0; r < p; r++) {
        const at = outOffset + r * m + k;
        const xr = outRe[at]!;
        const xi = outIm[at]!;
        if (r === 0 || k === 0) {
          tRe[r] = xr;
          tIm[r] = xi;
        } else {
          const w = ((r * k) % n) * stride;
          const wr = cos[w]!;
          const wi = sin[w]!;
          tRe[r] = xr * wr - xi * wi;
          tIm[r] = xr * wi + xi * wr;
        }
      }
      if (p === 2) {
        const aRe = tRe[0]!;
        const aIm = tIm[0]!;
        const bRe = tRe[1]!;
        const bIm = tIm[1]!;
        outRe[outOffset + k] = aRe + bRe;
        outIm[outOffset + k] = aIm + bIm;
        outRe[outOffset + k + m] = aRe - bRe;
        outIm[outOffset + k + m] = aIm - bIm;
        continue;
      }
      const step = this.size / p;
      for (let q = 0; q < p; q++) {
        let sumRe = 0;
        let sumIm = 0;
        for (let r = 0; r < p; r++) {
          const w = ((r * q) % p) * step;
          const wr = cos[w]!;
          const wi = sin[w]!;
          const xr = tRe[r]!;
          const xi = tIm[r]!;
          sumRe += xr * wr - xi * wi;
          sumIm += xr * wi + xi * wr;
        }
        outRe[outOffset + k + q * m] = sumRe;
        outIm[outOffset + k + q * m] = sumIm;
      }
    }
  }
}

/**
 * FFT of a real signal of even size N, returning the N/2 + 1 non-negative frequency bins. Packs the
 * even and odd samples into one complex signal of size N/2, transforms it, and splits the result.
 */
export class RealFft {
  readonly size: number;
  readonly bins: number;
  private readonly half: ComplexFft;
  private readonly packedRe: Float64Array;
  private readonly packedIm: Float64Array;
  private readonly zRe: Float64Array;
  private readonly zIm: Float64Array;
  private readonly twiddleRe: Float64Array;
  private readonly twiddleIm: Float64Array;
  private readonly specRe: Float64Array;
  private readonly specIm: Float64Array;

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 2 || size % 2 !== 0) {
      throw new RangeError(`Real FFT size must be even and at least 2, got ${size}`);
    }
    this.size = size;
    this.bins = size / 2 + 1;
    const h = size / 2;
    this.half = new ComplexFft(h);
    this.packedRe = new Float64Array(h);
    this.packedIm = new Float64Array(h);
    this.zRe = new Float64Array(h);
    this.zIm = new Float64Array(h);
    this.twiddleRe = new Float64Array(h);
    this.twiddleIm = new Float64Array(h);
    this.specRe = new Float64Array(h + 1);
    this.specIm = new Float64Array(h + 1);
    for (let k = 0; k < h; k++) {
      const angle = (-2 * Math.PI * k) / size;
      this.twiddleRe[k] = Math.cos(angle);
      this.twiddleIm[k] = Math.sin(angle);
    }
  }

  /** Writes the spectrum's bins 0..N/2 into outRe/outIm. */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const h = this.size / 2;
    const { packedRe, packedIm, zRe, zIm, twiddleRe, twiddleIm } = this;
    for (let j = 0; j < h; j++) {
      packedRe[j] = input[2 * j] ?? 0;
      packedIm[j] = input[2 * j + 1] ?? 0;
    }
    this.half.forward(packedRe, packedIm, zRe, zIm);
    // E[k] = (Z[k] + conj Z[h−k]) / 2 is the even samples' spectrum, O[k] = (Z[k] − conj Z[h−k]) / 2i
    // the odd samples'; X[k] = E[k] + e^(−2πik/N)·O[k].
    for (let k = 0; k <= h; k++) {
      const a = k % h;
      const b = (h - k) % h;
      const zr = zRe[a]!;
      const zi = zIm[a]!;
      const cr = zRe[b]!;
      const ci = -zIm[b]!;
      const eRe = 0.5 * (zr + cr);
      const eIm = 0.5 * (zi + ci);
      const dRe = zr - cr;
      const dIm = zi - ci;
      const oRe = 0.5 * dIm;
      const oIm = -0.5 * dRe;
      const wr = k === h ? -1 : twiddleRe[k]!;
      const wi = k === h ? 0 : twiddleIm[k]!;
      outRe[k] = eRe + (oRe * wr - oIm * wi);
      outIm[k] = eIm + (oRe * wi + oIm * wr);
    }
  }

  /** |X[k]|² for k in 0..N/2. */
  powerSpectrum(input: ArrayLike<number>, out: Float64Array): void {
    const { specRe, specIm } = this;
    this.forward(input, specRe, specIm);
    for (let k = 0; k < this.bins; k++) {
      const re = specRe[k]!;
      const im = specIm[k]!;
      out[k] = re * re + im * im;
    }
  }
}
