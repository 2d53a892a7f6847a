// The Content-Security-Policy for our own pages, the same in Electron (set through
// session.webRequest.onHeadersReceived) and in the browser host (a response header): our own
// scripts and wasm only (VAD runs onnxruntime-web's wasm, and its worklet/worker may be blob:),
// nothing remote, no plugins, no framing.
const DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self' blob:"],
  ['connect-src', "'self'"],
  ['media-src', "'self' blob:"],
  ['img-src', "'self' data: blob:"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['font-src', "'self'"],
  ['manifest-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ');

/**
 * The policy for the Vite dev server (electron-vite dev): its React refresh preamble is an inline
 * script and its hot reload talks over a WebSocket to the dev origin. Never used for built pages.
 */
export function devServerPolicy(devOrigin: string): string {
  const origin = new URL(devOrigin);
  const socket = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return DIRECTIVES.map(([name, value]) => {
    if (name === 'script-src') return `${name} ${value} 'unsafe-inline' ${origin.origin}`;
    if (name === 'connect-src') return `${name} ${value} ${origin.origin} ${socket}`;
    return `${name} ${value}`;
  }).join('; ');
}
