// Where our own page lives — the built renderer as a file URL, or the Vite dev server under
// `electron-vite dev` — and the pure checks every guard uses: is this URL our page, or one of
// its resources?
import { pathToFileURL } from 'node:url';

export type RendererLocation =
  | { kind: 'file'; url: string; /** file URL of the folder holding index.html, ending in "/" */ root: string }
  | { kind: 'dev-server'; url: string; origin: string };

export function rendererLocation(indexHtmlPath: string, devServerUrl: string | undefined): RendererLocation {
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    return { kind: 'dev-server', url: url.toString(), origin: url.origin };
  }
  const url = pathToFileURL(indexHtmlPath);
  return { kind: 'file', url: url.toString(), root: new URL('.', url).toString() };
}

function parse(candidate: string): URL | null {
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}

/** True for our page itself (any query or fragment), never for another file or origin. */
export function isOwnPage(candidate: string, location: RendererLocation): boolean {
  const url = parse(candidate);
  if (!url) return false;
  const own = new URL(location.url);
  if (location.kind === 'dev-server') return url.origin === location.origin;
  return url.protocol === 'file:' && url.host === own.host && url.pathname === own.pathname;
}

/** True for our page and the files beside it (scripts, wasm, models): where our CSP applies. */
export function isOwnResource(candidate: string, location: RendererLocation): boolean {
  const url = parse(candidate);
  if (!url) return false;
  if (location.kind === 'dev-server') return url.origin === location.origin;
  const root = new URL(location.root);
  return url.protocol === 'file:' && url.host === root.host && url.pathname.startsWith(root.pathname);
}
