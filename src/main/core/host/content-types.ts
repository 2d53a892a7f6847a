// The Content-Type for a file of the built renderer, for both hosts (Electron's app:// handler and
// the browser host). Chromium insists on the right one: module
// scripts (.js, .mjs for onnxruntime's loader) must be JavaScript, and WebAssembly streaming
// compilation needs application/wasm.
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  map: 'application/json; charset=utf-8',
  wasm: 'application/wasm',
  onnx: 'application/octet-stream',
  bin: 'application/octet-stream',
  svg: 'image/svg+xml',
  png: 'image/png',
  ico: 'image/x-icon',
  webp: 'image/webp',
  woff2: 'font/woff2',
  woff: 'font/woff',
  wav: 'audio/wav',
  txt: 'text/plain; charset=utf-8',
};

export const FALLBACK_CONTENT_TYPE = 'application/octet-stream';

export function contentTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  if (dot < 0) return FALLBACK_CONTENT_TYPE;
  return CONTENT_TYPES[fileName.slice(dot + 1).toLowerCase()] ?? FALLBACK_CONTENT_TYPE;
}
