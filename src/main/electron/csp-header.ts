// Sets our Content-Security-Policy on every response for our own page and its files, replacing
// any policy the response carried; other responses pass through untouched. This hook is what
// covers the dev server (http); Electron may not run header hooks for the app:// scheme at all, so
// the app:// handler (app-protocol.ts) sets the same policyFor() itself.
import { CONTENT_SECURITY_POLICY, devServerPolicy } from '../core/host/content-security-policy';
import { isOwnResource, type RendererLocation } from './renderer-location';

export interface HeaderDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
}

export interface HeaderSession {
  onHeadersReceived(listener: (details: HeaderDetails, callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void) => void): void;
}

export function policyFor(location: RendererLocation): string {
  return location.kind === 'dev-server' ? devServerPolicy(location.origin) : CONTENT_SECURITY_POLICY;
}

export function withPolicy(details: HeaderDetails, location: RendererLocation): Record<string, string[]> | undefined {
  if (!isOwnResource(details.url, location)) return undefined;
  const headers: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
  }
  headers['Content-Security-Policy'] = [policyFor(location)];
  return headers;
}

export function installContentSecurityPolicy(session: HeaderSession, location: RendererLocation): void {
  session.onHeadersReceived((details, callback) => {
    const responseHeaders = withPolicy(details, location);
    callback(responseHeaders ? { responseHeaders } : {});
  });
}
