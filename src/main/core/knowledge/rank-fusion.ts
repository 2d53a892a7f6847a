// Reciprocal rank fusion: each list gives an item 1 / (k + rank); items found by both keyword and
// meaning search rise to the top without having to compare BM25 scores with cosine similarities.
// Pure.

export const RRF_K = 60;

export interface FusedItem {
  id: number;
  score: number;
}

export function reciprocalRankFusion(lists: readonly (readonly number[])[], k = RRF_K): FusedItem[] {
  const scores = new Map<number, number>();
  for (const list of lists) {
    list.forEach((id, rank) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + rank + 1)));
  }
  return [...scores.entries()].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id - b.id);
}
