// Where our own page lives — the built renderer on app://earshot (see app-scheme.ts), or the Vite
// dev server under `electron-vite dev` — and the pure checks every guard uses: is this URL our
// page, or one of its resources? A file:// URL is never ours.
import { APP_INDEX_URL, APP_ORIGIN, isAppOrigin } from './app-scheme';

export type RendererLocation = { kind: 'app'; url: string; origin: string } | { kind: 'dev-server'; url: string; origin: string };

export function rendererLocation(devServerUrl: string | undefined): RendererLocation {
  if (devServerUrl) {
    const url = parse(devServerUrl);
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new Error(`ELECTRON_RENDERER_URL must be the http(s) address of the electron-vite dev server, not "${devServerUrl}" — unset it to load the built page`);
    }
    return { kind: 'dev-server', url: url.toString(), origin: url.origin };
  }
  return { kind: 'app', url: APP_INDEX_URL, origin: APP_ORIGIN };
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
  if (location.kind === 'dev-server') return url.origin === location.origin;
  return isAppOrigin(url) && ['', '/', '/index.html'].includes(url.pathname);
}

/** True for our page and the files beside it (scripts, wasm, models): where our CSP applies. */
export function isOwnResource(candidate: string, location: RendererLocation): boolean {
  const url = parse(candidate);
  if (!url) return false;
  if (location.kind === 'dev-server') return url.origin === location.origin;
  return isAppOrigin(url);
}
