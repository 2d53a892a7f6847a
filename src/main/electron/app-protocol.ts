// The app:// handler: serves the built renderer folder (out/renderer) and nothing outside it, with
// the right Content-Type and our Content-Security-Policy on every response (Electron does not run
// webRequest header hooks for custom schemes, so the policy is set here). protocol and the file
// reader are passed in.
import { readFile as readFromDisk } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { appRequestTarget } from './app-request-path';
import { APP_SCHEME } from './app-scheme';
import { contentTypeFor } from '../core/host/content-types';
import type { RendererLocation } from './renderer-location';

export interface AppRequest {
  url: string;
  method: string;
}

export type AppProtocolHandler = (request: AppRequest) => Promise<Response>;

export interface AppProtocolOptions {
  /** The folder holding the built index.html (out/renderer). */
  rendererDir: string;
  /** The Content-Security-Policy sent with every response. */
  policy: string;
  /** Reads a whole file; node:fs unless a test passes another. Rejects with ENOENT etc. like fs. */
  readFile?: (path: string) => Promise<Uint8Array<ArrayBuffer>>;
  /** Told about every refused or failed request (for the log). */
  onRefused?: (url: string, status: number, reason: string) => void;
}

const MISSING_FILE_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

export function createAppProtocolHandler(options: AppProtocolOptions): AppProtocolHandler {
  const root = resolve(options.rendererDir);
  const readFile = options.readFile ?? ((path: string) => readFromDisk(path));
  const onRefused = options.onRefused ?? (() => {});
  const headers = (contentType: string) => ({
    'Content-Type': contentType,
    'Content-Security-Policy': options.policy,
    'X-Content-Type-Options': 'nosniff',
  });
  const refuse = (request: AppRequest, status: number, reason: string): Response => {
    onRefused(request.url, status, reason);
    return new Response(request.method === 'HEAD' ? null : `${status}: ${reason}\n`, { status, headers: headers('text/plain; charset=utf-8') });
  };

  return async (request) => {
    const target = appRequestTarget(request.url, request.method);
    if (target.kind === 'refused') return refuse(request, target.status, target.reason);
    const path = resolve(root, ...target.segments);
    // appRequestTarget already refused every way out; this re-checks the joined path itself.
    if (!path.startsWith(root + sep)) return refuse(request, 403, 'the path leaves the page folder');
    let body: Uint8Array<ArrayBuffer>;
    try {
      body = await readFile(path);
    } catch (error) {
      const code = errorCode(error);
      if (code !== undefined && MISSING_FILE_CODES.has(code)) {
        const isIndex = target.segments.length === 1 && target.segments[0] === 'index.html';
        return refuse(request, 404, isIndex ? `Earshot's page is not built (${path} is missing) — run \`npm run build\`` : 'no such file in the page folder');
      }
      return refuse(request, 500, `could not read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const name = target.segments.at(-1) ?? '';
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(contentTypeFor(name)) });
  };
}

export interface ProtocolHost {
  handle(scheme: string, handler: AppProtocolHandler): void;
}

/**
 * Serves the built page on app:// (after app 'ready'). Under `electron-vite dev` the page comes from
 * the dev server instead and app:// is left unhandled. Returns whether the handler was installed.
 */
export function serveRenderer(protocol: ProtocolHost, location: RendererLocation, options: AppProtocolOptions): boolean {
  if (location.kind !== 'app') return false;
  protocol.handle(APP_SCHEME, createAppProtocolHandler(options));
  return true;
}
