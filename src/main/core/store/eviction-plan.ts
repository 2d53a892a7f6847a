// What a bounded cache drops: expired entries first, then the least recently used until both the
// entry count and the byte total fit. Pure.

export interface EvictionCandidate {
  key: string;
  bytes: number;
  /** Wall-clock ms of the last read or write. */
  lastUsedAt: number;
  /** Wall-clock ms when the entry was written; it expires at createdAt + ttlMs. */
  createdAt: number;
}

export interface CacheBounds {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

export function isExpired(createdAt: number, ttlMs: number, now: number): boolean {
  return now >= createdAt + ttlMs;
}

/** Keys to delete so the rest is unexpired and within bounds. */
export function planEviction(entries: readonly EvictionCandidate[], bounds: CacheBounds, now: number): string[] {
  const evicted: string[] = [];
  const live: EvictionCandidate[] = [];
  for (const entry of entries) {
    if (isExpired(entry.createdAt, bounds.ttlMs, now)) evicted.push(entry.key);
    else live.push(entry);
  }
  let count = live.length;
  let bytes = live.reduce((sum, e) => sum + e.bytes, 0);
  if (count <= bounds.maxEntries && bytes <= bounds.maxBytes) return evicted;
  live.sort((a, b) => a.lastUsedAt - b.lastUsedAt || a.createdAt - b.createdAt);
  for (const entry of live) {
    if (count <= bounds.maxEntries && bytes <= bounds.maxBytes) break;
    evicted.push(entry.key);
    count -= 1;
    bytes -= entry.bytes;
  }
  return evicted;
}
