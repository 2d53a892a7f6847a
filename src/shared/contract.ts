// The contract between renderer and main (DESIGN.md §3): every request (name → params → result)
// and every event (name → payload). Hosts (Electron IPC, the browser host's WebSocket) and the
// renderer bridge are derived from these maps; a channel name is written once, here.
import { z } from 'zod';
import type { ErrorInfo } from './errors';
import type { Settings } from './settings';
import type { TurnEvent, TurnResult } from './turn';

const MAX_CHUNK_SAMPLES = 16_000 * 2; // 2 s of 16 kHz audio per chunk at most

export const requestSchemas = {
  'turn.begin': z.object({}).strict(),
  'turn.audio': z
    .object({
      turnId: z.string().min(1).max(64),
      samples: z.instanceof(Float32Array).refine((s) => s.length <= MAX_CHUNK_SAMPLES, 'audio chunk too long'),
    })
    .strict(),
  'turn.end': z.object({ turnId: z.string().min(1).max(64) }).strict(),
  'turn.cancel': z.object({ turnId: z.string().min(1).max(64).optional() }).strict(),
  'turn.ask': z.object({ text: z.string().trim().min(1).max(4000) }).strict(),
  'turn.played': z
    .object({ turnId: z.string().min(1).max(64), atMs: z.number().finite().nonnegative().optional() })
    .strict(),
  'settings.get': z.object({}).strict(),
  'settings.update': z.object({ patch: z.record(z.string(), z.unknown()) }).strict(),
} as const;

export type RequestName = keyof typeof requestSchemas;
export type RequestParams<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export interface RequestResults {
  'turn.begin': { turnId: string };
  'turn.audio': null;
  'turn.end': null;
  'turn.cancel': null;
  'turn.ask': { turnId: string };
  'turn.played': null;
  'settings.get': Settings;
  'settings.update': Settings;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface EventPayloads {
  turn: TurnEvent;
  'settings.changed': Settings;
  notice: { level: 'info' | 'warning' | 'error'; message: string };
}

export type EventName = keyof EventPayloads;

export type { TurnResult };
