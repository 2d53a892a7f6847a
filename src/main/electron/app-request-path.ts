// Which file under the renderer folder an app:// request names — or why it is refused. Pure: the
// protocol handler reads the file only after this says the path stays inside the folder.
import { APP_ORIGIN, isAppOrigin } from './app-scheme';

export type AppRequestTarget =
  /** `segments` are decoded path segments relative to the renderer folder, each a plain name. */
  | { kind: 'file'; segments: string[] }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; reason: string };

const refused = (status: 400 | 403 | 404 | 405, reason: string): AppRequestTarget => ({ kind: 'refused', status, reason });

function parse(candidate: string): URL | null {
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/**
 * A segment that could leave the folder or name something other than a file in it: "." and "..",
 * encoded separators (%2f, %5c), NUL, and ":" (Windows drive letters and alternate data streams).
 */
function unsafeSegment(segment: string): boolean {
  return segment === '.' || segment === '..' || /[/\\\0:]/.test(segment);
}

/** GET/HEAD app://earshot/<path> → the file's segments; "/" is index.html. Query and hash are ignored. */
export function appRequestTarget(url: string, method: string): AppRequestTarget {
  if (method !== 'GET' && method !== 'HEAD') return refused(405, `${method} is not served: Earshot's page is read-only`);
  const parsed = parse(url);
  if (!parsed) return refused(400, 'not a URL');
  if (!isAppOrigin(parsed)) return refused(403, `only ${APP_ORIGIN} is served by this scheme`);
  // Chromium hands us "/" for app://earshot; Node's URL leaves a non-special scheme's path empty.
  if (parsed.pathname === '' || parsed.pathname === '/') return { kind: 'file', segments: ['index.html'] };
  const raw = parsed.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const [index, encoded] of raw.entries()) {
    const segment = decode(encoded);
    if (segment === null) return refused(400, 'malformed percent-encoding in the path');
    if (segment === '') {
      if (index === raw.length - 1) return refused(404, 'folders are not listed');
      return refused(403, 'empty path segments (an absolute path) are refused');
    }
    if (unsafeSegment(segment)) return refused(403, 'the path leaves the page folder');
    segments.push(segment);
  }
  return { kind: 'file', segments };
}
