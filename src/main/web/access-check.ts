// Who may use the browser host. The WebSocket needs this run's random token, and a browser's
// Origin (when sent) must be this host's own page: http, a loopback name, and this host's port — a
// page served by any other local program (another dev server on localhost:3000) is another origin.
// Every request's Host must name the loopback address, so a DNS-rebinding page cannot reach us
// under its own name. Pure.
import { timingSafeEqual } from 'node:crypto';

export type Access = { ok: true } | { ok: false; status: 401 | 403; reason: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function hostnameOf(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname;
  } catch {
    return null;
  }
}

/** The Host header names loopback (any port: the browser may say localhost or 127.0.0.1). */
export function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = hostnameOf(host);
  return name !== null && LOOPBACK_HOSTS.has(name);
}

export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

export function tokensMatch(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page is this host's own: http, a loopback name, and the port this host listens on. */
export function isOwnOrigin(origin: string, ownPort: number): boolean {
  if (!isLoopbackOrigin(origin)) return false;
  const url = new URL(origin);
  return url.protocol === 'http:' && Number(url.port || 80) === ownPort;
}

export function checkBridgeAccess(request: { url: string; host?: string; origin?: string; ownPort: number }, token: string): Access {
  if (!isLoopbackHostHeader(request.host)) return { ok: false, status: 403, reason: 'The bridge answers only on 127.0.0.1.' };
  if (request.origin !== undefined && !isOwnOrigin(request.origin, request.ownPort)) {
    return { ok: false, status: 403, reason: 'Only pages served by this Earshot host may use the bridge.' };
  }
  const given = new URL(request.url, 'http://127.0.0.1').searchParams.get('token');
  if (!tokensMatch(given, token)) return { ok: false, status: 401, reason: 'Open the URL `npm run web` printed: it carries the token.' };
  return { ok: true };
}
