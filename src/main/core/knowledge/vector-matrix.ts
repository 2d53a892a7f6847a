// Nearest neighbours over embedding vectors, held compactly in contiguous typed arrays. A float32
// scan of 100 k × 768 takes 60–150 ms in JavaScript (77 M multiply-adds), too slow for a turn, so
// each row is kept twice, small: its sign bits (96 bytes at 768 dims) and int8 components with
// one scale per row (768 bytes). A search ranks every row by Hamming distance between sign bits
// (XOR and a 16-bit popcount table: a few ms at 100 k rows), then rescores the best few hundred
// by int8 dot product, which is a cosine similarity within about 1 %. Collections no larger than
// the rescore pool are rescored whole, so they are searched exactly. Rows are removed by
// tombstone and compacted in place, so the matrix follows the index without being rebuilt.
// Pure apart from its own arrays.

export interface VectorHit {
  id: number;
  similarity: number;
}

/** Rows rescored exactly per search, at least; more when a caller asks for many results. */
export const RESCORE_POOL = 512;

const POPCOUNT16 = new Uint8Array(65536);
for (let i = 1; i < 65536; i++) POPCOUNT16[i] = POPCOUNT16[i >> 1]! + (i & 1);

export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

/** A unit vector as int8 components and the factor that turns them back into floats. */
function quantize(unit: Float32Array, into: Int8Array, at: number): number {
  let max = 0;
  for (let i = 0; i < unit.length; i++) max = Math.max(max, Math.abs(unit[i]!));
  if (max === 0) return 0;
  const k = 127 / max;
  for (let i = 0; i < unit.length; i++) into[at + i] = Math.round(unit[i]! * k);
  return max / 127;
}

function signBits(unit: Float32Array, into: Uint32Array, at: number): void {
  for (let i = 0; i < unit.length; i++) if (unit[i]! > 0) into[at + (i >>> 5)]! |= 1 << (i & 31);
}

export class VectorMatrix {
  readonly dims: number;
  readonly #words: number;
  #ids: Int32Array;
  #bits: Uint32Array;
  #int8: Int8Array;
  #scales: Float32Array;
  /** Rows in use, tombstones included. */
  #rows = 0;
  #dead = 0;
  readonly #rowOf = new Map<number, number>();

  constructor(dims: number, capacity = 1024) {
    this.dims = dims;
    this.#words = Math.ceil(dims / 32);
    this.#ids = new Int32Array(capacity);
    this.#bits = new Uint32Array(capacity * this.#words);
    this.#int8 = new Int8Array(capacity * dims);
    this.#scales = new Float32Array(capacity);
  }

  /** Live rows (removed ones not counted). */
  get size(): number {
    return this.#rows - this.#dead;
  }

  has(id: number): boolean {
    return this.#rowOf.has(id);
  }

  #grow(): void {
    const capacity = this.#ids.length * 2;
    const ids = new Int32Array(capacity);
    ids.set(this.#ids);
    const bits = new Uint32Array(capacity * this.#words);
    bits.set(this.#bits);
    const int8 = new Int8Array(capacity * this.dims);
    int8.set(this.#int8);
    const scales = new Float32Array(capacity);
    scales.set(this.#scales);
    [this.#ids, this.#bits, this.#int8, this.#scales] = [ids, bits, int8, scales];
  }

  /** Adds a row, or replaces the vector of an id already held. A vector of other dims is ignored. */
  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.dims) return;
    if (this.#rowOf.has(id)) this.remove(id);
    if (this.#rows === this.#ids.length) this.#grow();
    const row = this.#rows;
    const unit = normalize(vector);
    this.#ids[row] = id;
    this.#bits.fill(0, row * this.#words, (row + 1) * this.#words);
    signBits(unit, this.#bits, row * this.#words);
    this.#scales[row] = quantize(unit, this.#int8, row * this.dims);
    this.#rowOf.set(id, row);
    this.#rows += 1;
  }

  /** Forgets a row; the space is reclaimed once a quarter of the rows are gone. */
  remove(id: number): void {
    const row = this.#rowOf.get(id);
    if (row === undefined) return;
    this.#rowOf.delete(id);
    this.#ids[row] = -1;
    this.#dead += 1;
    if (this.#dead > 64 && this.#dead * 4 > this.#rows) this.#compact();
  }

  #compact(): void {
    const w = this.#words;
    const d = this.dims;
    let to = 0;
    for (let from = 0; from < this.#rows; from++) {
      const id = this.#ids[from]!;
      if (id < 0) continue;
      if (to !== from) {
        this.#ids[to] = id;
        this.#bits.copyWithin(to * w, from * w, (from + 1) * w);
        this.#int8.copyWithin(to * d, from * d, (from + 1) * d);
        this.#scales[to] = this.#scales[from]!;
        this.#rowOf.set(id, to);
      }
      to += 1;
    }
    this.#rows = to;
    this.#dead = 0;
  }

  /** The `limit` rows most similar to `query`, best first; `allowed` restricts the rows (filters). */
  search(query: Float32Array, limit: number, allowed?: ReadonlySet<number>): VectorHit[] {
    if (query.length !== this.dims || limit <= 0) return [];
    const unit = normalize(query);
    const q8 = new Int8Array(this.dims);
    const qScale = quantize(unit, q8, 0);
    // The pool grows with the matrix (1 % of the rows past 51 k) so recall holds at scale.
    const pool = this.#candidates(unit, Math.max(RESCORE_POOL, limit * 8, Math.ceil(this.size / 100)), allowed);
    const hits: VectorHit[] = [];
    const d = this.dims;
    const data = this.#int8;
    for (const row of pool) {
      const base = row * d;
      let a0 = 0;
      let a1 = 0;
      let i = 0;
      for (; i + 1 < d; i += 2) {
        a0 += data[base + i]! * q8[i]!;
        a1 += data[base + i + 1]! * q8[i + 1]!;
      }
      if (i < d) a0 += data[base + i]! * q8[i]!;
      hits.push({ id: this.#ids[row]!, similarity: (a0 + a1) * this.#scales[row]! * qScale });
    }
    return hits.sort((a, b) => b.similarity - a.similarity || a.id - b.id).slice(0, limit);
  }

  /** The rows nearest by sign bits: at most `pool` of them, found by a counting pass (no sort). */
  #candidates(unit: Float32Array, pool: number, allowed?: ReadonlySet<number>): number[] {
    const live: number[] = [];
    if (this.size <= pool) {
      for (let row = 0; row < this.#rows; row++) {
        const id = this.#ids[row]!;
        if (id >= 0 && (!allowed || allowed.has(id))) live.push(row);
      }
      return live;
    }
    const w = this.#words;
    const q = new Uint32Array(w);
    signBits(unit, q, 0);
    const distances = new Uint16Array(this.#rows);
    const histogram = new Uint32Array(w * 32 + 2);
    const bits = this.#bits;
    const far = w * 32 + 1;
    for (let row = 0; row < this.#rows; row++) {
      const id = this.#ids[row]!;
      if (id < 0 || (allowed && !allowed.has(id))) {
        distances[row] = far;
        continue;
      }
      let distance = 0;
      const base = row * w;
      for (let k = 0; k < w; k++) {
        const x = bits[base + k]! ^ q[k]!;
        distance += POPCOUNT16[x & 0xffff]! + POPCOUNT16[x >>> 16]!;
      }
      distances[row] = distance;
      histogram[distance]! += 1;
    }
    // The largest distance that keeps the pool within size, then every row up to it.
    let cutoff = 0;
    let taken = 0;
    while (cutoff < far && taken + histogram[cutoff]! <= pool) taken += histogram[cutoff++]!;
    let ties = cutoff < far ? pool - taken : 0;
    const out: number[] = [];
    for (let row = 0; row < this.#rows; row++) {
      const distance = distances[row]!;
      if (distance < cutoff) out.push(row);
      else if (distance === cutoff && ties > 0) {
        out.push(row);
        ties -= 1;
      }
    }
    return out;
  }
}
