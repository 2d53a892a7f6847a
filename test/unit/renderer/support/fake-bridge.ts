// A scripted EarshotBridge for renderer unit tests: records every request in order, answers from
// per-request handlers (default: ok with null), and lets a test emit events.
import type { EarshotBridge } from '../../../../src/shared/bridge';
import type { EventName, EventPayloads, Reply, RequestName } from '../../../../src/shared/contract';

export type Handler = (params: unknown) => Reply<unknown> | Promise<Reply<unknown>>;

export class FakeBridge implements EarshotBridge {
  readonly requests: { name: RequestName; params: Record<string, unknown> }[] = [];
  readonly handlers = new Map<RequestName, Handler>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  request: EarshotBridge['request'] = (async (name: RequestName, params: unknown) => {
    this.requests.push({ name, params: params as Record<string, unknown> });
    const handler = this.handlers.get(name);
    return handler ? handler(params) : { ok: true, value: null };
  }) as EarshotBridge['request'];

  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void {
    const set = this.listeners.get(event) ?? new Set();
    this.listeners.set(event, set);
    set.add(listener as (payload: unknown) => void);
    return () => set.delete(listener as (payload: unknown) => void);
  }

  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload);
  }

  names(): string[] {
    return this.requests.map((r) => r.name);
  }
}

export function ok<T>(value: T): Reply<T> {
  return { ok: true, value };
}

/** A promise with its resolve exposed, for replies that arrive when the test says so. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
