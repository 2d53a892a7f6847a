// Downloads one catalog file with retries and checks it: exact size and sha256 when the catalog
// knows them, a plausibility check against the estimated size when it does not (an HTML error
// page served in place of 50 MB of weights is caught here rather than at the test load).
import type { CatalogFile, ModelKind } from './catalog-schema';
import { downloadByteCap, ESTIMATE_MAX_RATIO } from './download-policy';
import { sha256File } from './file-hash';
import { discardDownload, downloadedFrom, downloadOnce, type DownloadDeps, type OnBytes } from './http-download';
import { classifyFsError, isModelError, ModelError } from './model-errors';
import { DEFAULT_BACKOFF, realSleep, retryWithBackoff, type BackoffPolicy, type Sleep } from './retry-backoff';

/** Files estimated below this size are not checked for plausibility (JSON configs vary a lot). */
const PLAUSIBILITY_MIN_BYTES = 64 * 1024;
const PLAUSIBLE_RATIO = { min: 0.2, max: ESTIMATE_MAX_RATIO } as const;

/** What is wrong with a downloaded file, or null when it matches the catalog. Pure. */
export function downloadedFileProblem(file: CatalogFile, actual: { size: number; sha256: string }): string | null {
  if (file.exactSize && actual.size !== file.sizeBytes) {
    const kind = actual.size < file.sizeBytes ? 'truncated' : 'too long';
    return `${file.path} is ${kind}: ${actual.size} bytes where ${file.sizeBytes} were expected`;
  }
  if (file.sha256 && actual.sha256 !== file.sha256) {
    return `${file.path} does not match its checksum (sha256 ${actual.sha256.slice(0, 12)}…, expected ${file.sha256.slice(0, 12)}…)`;
  }
  if (!file.exactSize && !file.sha256 && file.sizeBytes >= PLAUSIBILITY_MIN_BYTES) {
    const ratio = actual.size / file.sizeBytes;
    if (ratio < PLAUSIBLE_RATIO.min || ratio > PLAUSIBLE_RATIO.max) {
      return `${file.path} is ${actual.size} bytes where about ${file.sizeBytes} were expected`;
    }
  }
  return null;
}

export interface VerifiedDownloadDeps extends DownloadDeps {
  sleep?: Sleep;
  random?: () => number;
  backoff?: BackoffPolicy;
  /** Told before each retry (for logs). */
  onRetry?: (info: { failures: number; delayMs: number; error: unknown }) => void;
}

export interface VerifiedFile {
  size: number;
  sha256: string;
}

async function exists(deps: DownloadDeps, path: string): Promise<boolean> {
  try {
    return (await deps.fs.stat(path)) !== null;
  } catch (error) {
    throw classifyFsError(error, path);
  }
}

/**
 * Brings `file` to `dest`, verified. A file already at `dest` (from an earlier run) is reused only
 * when it came from the same URL (a catalog update may point elsewhere); one that came from another
 * URL is deleted and downloaded again. A reused or resumed file that fails verification is
 * downloaded once more from scratch; a fresh download that fails verification is an error at once.
 */
export async function downloadVerified(
  file: CatalogFile,
  dest: string,
  deps: VerifiedDownloadDeps,
  onBytes: OnBytes = () => {},
  kind: ModelKind = 'stt',
): Promise<VerifiedFile> {
  const target = {
    url: file.url,
    dest,
    exactSize: file.exactSize ? file.sizeBytes : undefined,
    maxBytes: downloadByteCap(file, kind),
    redirectHosts: file.redirectHosts,
  };
  for (let round = 0; ; round += 1) {
    let reused = await exists(deps, dest);
    if (reused && (await downloadedFrom(deps.fs, dest)) !== file.url) {
      await discardDownload(deps.fs, dest);
      reused = false;
    }
    if (!reused) {
      let bytesAtLastFailure = -1;
      let bytesNow = 0;
      const result = await retryWithBackoff(
        () =>
          downloadOnce(target, deps, (received, total) => {
            bytesNow = received;
            onBytes(received, total);
          }),
        {
          policy: deps.backoff ?? DEFAULT_BACKOFF,
          sleep: deps.sleep ?? realSleep,
          random: deps.random ?? Math.random,
          signal: deps.signal,
          isTransient: (error) => isModelError(error) && error.transient,
          madeProgress: () => {
            const progressed = bytesNow > bytesAtLastFailure && bytesAtLastFailure >= 0;
            bytesAtLastFailure = bytesNow;
            return progressed;
          },
          onRetry: deps.onRetry,
        },
      );
      reused = result.resumed;
    }

    const stat = await deps.fs.stat(dest);
    const actual = { size: stat?.size ?? 0, sha256: await sha256File(dest, deps.signal) };
    const problem = downloadedFileProblem(file, actual);
    if (!problem) return actual;

    await discardDownload(deps.fs, dest);
    if (!reused || round > 0) {
      throw new ModelError(
        'corrupt',
        `The download from ${new URL(file.url).host} is wrong: ${problem}. The server or mirror is serving a broken or different file — check --mirror / --catalog, or try again later.`,
      );
    }
  }
}
