// The browser host's WebSocket wire format: JSON text frames that carry Float32Array values (audio)
// losslessly as {"$f32": "<base64 of little-endian IEEE-754 bytes>"}. No Node imports: atob/btoa
// are globals in Node 22 and in browsers. The key "$f32" is reserved in every message.
//
// Messages:  client → host  { id, name, params }      a contract request
//            host → client  { id, reply }             its Reply
//            host → client  { event, payload }        a contract event
import type { EventName, EventPayloads, Reply, RequestName, RequestParams } from './contract';

export const F32_TAG = '$f32';
/** The WebSocket path on the browser host; the page adds ?token=… from its own URL. */
export const BRIDGE_PATH = '/bridge';
/**
 * Asks the browser host whether a token would be let onto the bridge: GET ?token=… answers
 * {"token":"accepted"|"refused"}. A page cannot read why its WebSocket was turned away, so it asks
 * here to tell a wrong or outdated link from a host that is simply not there.
 */
export const BRIDGE_ACCESS_PATH = '/bridge-access';
/** Request ids are echoed back; they are short strings or safe integers. */
const MAX_ID_CHARS = 64;

export type WireRequest<N extends RequestName = RequestName> = { id: string | number; name: N; params: RequestParams<N> };
export type WireResponse = { id: string | number; reply: Reply<unknown> };
export type WireEvent<E extends EventName = EventName> = { event: E; payload: EventPayloads[E] };

export class WireFormatError extends Error {
  override readonly name = 'WireFormatError';
}

const CHUNK = 0x8000;

export function float32ToBase64(samples: Float32Array): string {
  const bytes = new Uint8Array(samples.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) view.setFloat32(i * 4, samples[i] as number, true);
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export function base64ToFloat32(text: string): Float32Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new WireFormatError('Audio data is not valid base64.');
  }
  if (binary.length % 4 !== 0) throw new WireFormatError('Audio data is not a whole number of 32-bit samples.');
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Float32Array(binary.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function isTagged(value: unknown): value is { [F32_TAG]: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === F32_TAG && typeof (value as Record<string, unknown>)[F32_TAG] === 'string';
}

/** JSON text for any message; Float32Arrays anywhere inside are tagged. */
export function encodeWire(message: unknown): string {
  return JSON.stringify(message, (_key, value: unknown) => (value instanceof Float32Array ? { [F32_TAG]: float32ToBase64(value) } : value));
}

/** Parses JSON text back into a message, turning tagged values into Float32Arrays. Throws WireFormatError. */
export function decodeWire(text: string): unknown {
  try {
    return JSON.parse(text, (_key, value: unknown) => (isTagged(value) ? base64ToFloat32(value[F32_TAG]) : value));
  } catch (error) {
    if (error instanceof WireFormatError) throw error;
    throw new WireFormatError('The message is not valid JSON.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isId(value: unknown): value is string | number {
  return (typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_CHARS) || Number.isSafeInteger(value);
}

/** The shape of an incoming request (the name and params are checked later, against the contract). */
export function parseWireRequest(message: unknown): { id: string | number; name: string; params: unknown } | null {
  if (!isRecord(message) || !isId(message.id) || typeof message.name !== 'string') return null;
  return { id: message.id, name: message.name, params: message.params };
}

/** Sorts a message from the host into a response or an event; null for anything else. */
export function parseHostMessage(message: unknown): ({ kind: 'response' } & WireResponse) | ({ kind: 'event' } & WireEvent) | null {
  if (!isRecord(message)) return null;
  if (isId(message.id) && isRecord(message.reply) && typeof message.reply.ok === 'boolean') {
    return { kind: 'response', id: message.id, reply: message.reply as Reply<unknown> };
  }
  if (typeof message.event === 'string' && 'payload' in message) {
    return { kind: 'event', event: message.event as EventName, payload: message.payload as EventPayloads[EventName] };
  }
  return null;
}
