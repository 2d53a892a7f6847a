// Cache keys: a SHA-256 of every part that changes the cached output, so keys have one length
// whatever the text and a part can never run into the next.
import { createHash } from 'node:crypto';

export function cacheKey(...parts: ReadonlyArray<string | number>): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const text = String(part);
    hash.update(`${text.length}:${text};`);
  }
  return hash.digest('base64url');
}
