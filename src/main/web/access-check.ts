// Who may use the browser host. The WebSocket needs this run's random token, and a browser's
// Origin (when sent) must be a loopback page; every request's Host must name the loopback address,
// so a DNS-rebinding page cannot reach us under its own name. Pure.
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

export function checkBridgeAccess(request: { url: string; host?: string; origin?: string }, token: string): Access {
  if (!isLoopbackHostHeader(request.host)) return { ok: false, status: 403, reason: 'The bridge answers only on 127.0.0.1.' };
  if (request.origin !== undefined && !isLoopbackOrigin(request.origin)) return { ok: false, status: 403, reason: 'Pages from other sites may not use the bridge.' };
  const given = new URL(request.url, 'http://127.0.0.1').searchParams.get('token');
  if (!tokensMatch(given, token)) return { ok: false, status: 401, reason: 'Open the URL `npm run web` printed: it carries the token.' };
  return { ok: true };
}
