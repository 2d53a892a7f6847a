// The fake Ollama's stand-ins for a language model's text handling: splitting a reply into tokens,
// counting words for the token counts it reports, and deterministic embeddings.

/** "Hi there, friend." → ["Hi", " there,", " friend."]: words with their leading spaces, joining back to the text. */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** Deterministic unit-length embedding: hashed bag of lower-cased words. */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const hash = fnv1a(word);
    vector[hash % dimensions]! += hash & 0x8000_0000 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  if (norm === 0) return vector.map((_, i) => (i === 0 ? 1 : 0));
  return vector.map((value) => value / norm);
}

export function wordCount(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}
