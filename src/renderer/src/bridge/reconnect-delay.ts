// How long to wait before the next attempt to reach the browser host again: doubling from a quarter
// second up to five seconds. Pure.

export function reconnectDelay(attempt: number, firstMs = 250, maxMs = 5_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt));
}
