// Where Ollama listens: the settings value, else OLLAMA_HOST, else the default. Accepts the forms
// Ollama itself accepts for OLLAMA_HOST ("0.0.0.0", ":11434", "localhost:11434", "http://host",
// "https://host/prefix", with or without quotes and a trailing slash) and turns them into one base URL
// a client can connect to. Pure: the environment is passed in.
import { isIPv4, isIPv6 } from 'node:net';
import { EarshotError } from '../../../../shared/errors';

export const DEFAULT_OLLAMA_PORT = 11434;
export const DEFAULT_OLLAMA_HOST = `http://127.0.0.1:${DEFAULT_OLLAMA_PORT}`;

export type OllamaHostSource = 'settings' | 'OLLAMA_HOST';

/** Settings value if non-empty, else OLLAMA_HOST if non-empty, else http://127.0.0.1:11434. Throws invalid_input for garbage. */
export function resolveOllamaHost(settingsHost: string, env: Readonly<Record<string, string | undefined>>): string {
  const fromSettings = stripQuotes(settingsHost);
  if (fromSettings !== '') return normaliseOllamaHost(fromSettings, 'settings');
  const fromEnv = stripQuotes(env.OLLAMA_HOST ?? '');
  if (fromEnv !== '') return normaliseOllamaHost(fromEnv, 'OLLAMA_HOST');
  return DEFAULT_OLLAMA_HOST;
}

/**
 * One address → `scheme://host:port[/path]`, port always explicit, no trailing slash. Like Ollama: no
 * scheme means http and port 11434; an explicit http:// or https:// without a port means 80 or 443.
 * A wildcard listen address (0.0.0.0, ::, or an empty host) is where a server listens, not where a
 * client connects, so it becomes the loopback address.
 */
export function normaliseOllamaHost(raw: string, source: OllamaHostSource = 'settings'): string {
  const value = stripQuotes(raw);
  const invalid = (why: string) => new EarshotError('invalid_input', describeInvalid(value, source, why));
  if (value === '' || /\s/.test(value)) throw invalid('it is empty or contains spaces');

  let scheme = 'http';
  let defaultPort = DEFAULT_OLLAMA_PORT;
  let rest = value;
  const schemeEnd = value.indexOf('://');
  if (schemeEnd >= 0) {
    scheme = value.slice(0, schemeEnd).toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') throw invalid(`"${scheme}://" is not http:// or https://`);
    defaultPort = scheme === 'https' ? 443 : 80;
    rest = value.slice(schemeEnd + 3);
  }

  const slash = rest.indexOf('/');
  const authority = slash >= 0 ? rest.slice(0, slash) : rest;
  const path = slash >= 0 ? rest.slice(slash).replace(/\/+$/, '') : '';
  if (authority === '') throw invalid('it has no host name or port');
  if (authority.includes('@')) throw invalid('user names and passwords in the address are not supported');
  if (/[?#]/.test(path)) throw invalid('it has a query or fragment');

  const split = splitHostPort(authority);
  if (split === null) throw invalid('the host part is not a name, an IP address or host:port');
  const port = split.port === null ? defaultPort : parsePort(split.port);
  if (port === null) throw invalid(`"${split.port}" is not a port number between 1 and 65535`);
  const host = connectableHost(split.host.toLowerCase());
  if (host === null) throw invalid(`"${split.host}" is not a valid host name or IP address`);

  const url = `${scheme}://${isIPv6(host) ? `[${host}]` : host}:${port}${path}`;
  if (!URL.canParse(url)) throw invalid('it is not a valid URL');
  return url;
}

/** True when the URL's host is this machine (localhost, 127.0.0.0/8, ::1). False for anything unparsable. */
export function isLoopbackHost(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const hostname = new URL(url).hostname.toLowerCase();
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIPv4(bare)) return bare.startsWith('127.');
  if (bare === '::1') return true;
  // IPv4-mapped loopback: ::ffff:127.x.y.z, which URL rewrites as ::ffff:7fxx:yyzz.
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(bare);
}

function stripQuotes(value: string): string {
  return value.trim().replace(/^["']+|["']+$/g, '').trim();
}

function splitHostPort(authority: string): { host: string; port: string | null } | null {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return null;
    const host = authority.slice(1, close);
    const after = authority.slice(close + 1);
    if (after === '') return { host, port: null };
    return after.startsWith(':') ? { host, port: after.slice(1) } : null;
  }
  const colons = authority.split(':').length - 1;
  if (colons === 0) return { host: authority, port: null };
  // More than one colon without brackets: only a bare IPv6 address makes sense (Ollama accepts it too).
  if (colons > 1) return isIPv6(authority) ? { host: authority, port: null } : null;
  const [host = '', port = ''] = authority.split(':');
  return { host, port };
}

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

function connectableHost(host: string): string | null {
  if (host === '' || host === '0.0.0.0') return '127.0.0.1';
  if (isIPv6(host)) return /^[0:]+$/.test(host) ? '::1' : host;
  if (isIPv4(host)) return host;
  const label = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/;
  const labels = host.replace(/\.$/, '').split('.');
  if (labels.every((part) => label.test(part)) && !/^[\d.]+$/.test(host)) return host.replace(/\.$/, '');
  return null;
}

function describeInvalid(value: string, source: OllamaHostSource, why: string): string {
  const where = source === 'settings' ? 'The Ollama address in settings' : 'The OLLAMA_HOST environment variable';
  return `${where} ("${value}") is not usable: ${why} — use a form like http://127.0.0.1:11434, or leave it empty for the default`;
}
