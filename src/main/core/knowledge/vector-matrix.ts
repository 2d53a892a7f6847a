// Brute-force nearest neighbours over unit-length float32 vectors held in one contiguous array:
// a dot product per row is a cosine similarity. Measured fast enough at 100 k chunks (see the rag
// benchmark), so no approximate index is needed. Pure apart from its own arrays.

export interface VectorHit {
  id: number;
  similarity: number;
}

export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  if (norm === 0) return out;
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

export class VectorMatrix {
  readonly dims: number;
  #ids: Int32Array;
  #data: Float32Array;
  #count = 0;

  constructor(dims: number, capacity = 1024) {
    this.dims = dims;
    this.#ids = new Int32Array(capacity);
    this.#data = new Float32Array(capacity * dims);
  }

  get size(): number {
    return this.#count;
  }

  add(id: number, vector: Float32Array): void {
    if (vector.length !== this.dims) return;
    if (this.#count === this.#ids.length) {
      const ids = new Int32Array(this.#ids.length * 2);
      ids.set(this.#ids);
      const data = new Float32Array(ids.length * this.dims);
      data.set(this.#data);
      this.#ids = ids;
      this.#data = data;
    }
    this.#ids[this.#count] = id;
    this.#data.set(normalize(vector), this.#count * this.dims);
    this.#count += 1;
  }

  /** The `limit` rows most similar to `query`, best first; `allowed` restricts the rows (filters). */
  search(query: Float32Array, limit: number, allowed?: ReadonlySet<number>): VectorHit[] {
    if (query.length !== this.dims || limit <= 0) return [];
    const q = normalize(query);
    const dims = this.dims;
    const data = this.#data;
    const topIds = new Int32Array(limit);
    const topScores = new Float32Array(limit).fill(-Infinity);
    let filled = 0;
    for (let row = 0; row < this.#count; row++) {
      const id = this.#ids[row]!;
      if (allowed && !allowed.has(id)) continue;
      let dot = 0;
      const base = row * dims;
      for (let d = 0; d < dims; d++) dot += data[base + d]! * q[d]!;
      if (filled < limit || dot > topScores[limit - 1]!) {
        let at = Math.min(filled, limit - 1);
        while (at > 0 && topScores[at - 1]! < dot) {
          topScores[at] = topScores[at - 1]!;
          topIds[at] = topIds[at - 1]!;
          at -= 1;
        }
        topScores[at] = dot;
        topIds[at] = id;
        if (filled < limit) filled += 1;
      }
    }
    const hits: VectorHit[] = [];
    for (let i = 0; i < filled; i++) hits.push({ id: topIds[i]!, similarity: topScores[i]! });
    return hits;
  }
}
