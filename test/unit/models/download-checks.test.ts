import { describe, expect, it } from 'vitest';
import { catalogFileSchema } from '../../../src/main/core/models/catalog-schema';
import { bytesNeededFor, diskSpaceProblem } from '../../../src/main/core/models/disk-space';
import { parseContentRange, rangeValidator } from '../../../src/main/core/models/http-download';
import { classifyFsError, classifyHttpStatus, classifyNetworkError } from '../../../src/main/core/models/model-errors';
import { looksLikeOnnx, looksLikeTokens } from '../../../src/main/core/models/load-checks';
import { downloadedFileProblem } from '../../../src/main/core/models/verified-download';

const SHA = 'ab'.repeat(32);
const file = (patch: Record<string, unknown>) => catalogFileSchema.parse({ path: 'onnx/m.onnx', url: 'https://h.example/m.onnx', sizeBytes: 1_000_000, ...patch });

describe('checking a downloaded file against the catalog', () => {
  it('accepts the exact size and checksum', () => {
    expect(downloadedFileProblem(file({ exactSize: true, sha256: SHA }), { size: 1_000_000, sha256: SHA })).toBeNull();
  });

  it('calls a short file truncated and a wrong hash a checksum mismatch', () => {
    expect(downloadedFileProblem(file({ exactSize: true }), { size: 999, sha256: SHA })).toMatch(/truncated: 999 bytes where 1000000/);
    expect(downloadedFileProblem(file({ sha256: SHA }), { size: 1_000_000, sha256: 'cd'.repeat(32) })).toMatch(/does not match its checksum/);
  });

  it('without exact data, rejects a file wildly off the estimate (an error page) but tolerates estimates', () => {
    expect(downloadedFileProblem(file({}), { size: 1_234, sha256: SHA })).toMatch(/about 1000000 were expected/);
    expect(downloadedFileProblem(file({}), { size: 700_000, sha256: SHA })).toBeNull();
    expect(downloadedFileProblem(file({ sizeBytes: 2_000 }), { size: 5, sha256: SHA })).toBeNull();
  });
});

describe('HTTP range helpers', () => {
  it('parses Content-Range', () => {
    expect(parseContentRange('bytes 100-199/200')).toEqual({ start: 100, end: 199, size: 200 });
    expect(parseContentRange('bytes 0-9/*')).toEqual({ start: 0, end: 9, size: null });
    expect(parseContentRange(null)).toBeNull();
    expect(parseContentRange('items 1-2/3')).toBeNull();
  });

  it('uses a strong ETag for If-Range, else Last-Modified, never a weak ETag', () => {
    expect(rangeValidator(new Headers({ etag: '"abc"' }))).toBe('"abc"');
    expect(rangeValidator(new Headers({ etag: 'W/"abc"', 'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(rangeValidator(new Headers())).toBeNull();
  });
});

describe('errors a person can act on', () => {
  const url = 'https://huggingface.co/x/y.onnx';
  const withCode = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });

  it('tells no network apart from a dropped connection, and only retries the latter', () => {
    const offline = classifyNetworkError(withCode('ENOTFOUND'), url);
    expect(offline).toMatchObject({ reason: 'unreachable', transient: false });
    expect(offline.message).toMatch(/Cannot reach huggingface\.co .*--mirror/);
    expect(classifyNetworkError(withCode('ECONNRESET'), url)).toMatchObject({ reason: 'interrupted', transient: true });
    expect(classifyNetworkError(new TypeError('terminated'), url)).toMatchObject({ reason: 'interrupted', transient: true });
  });

  it('maps HTTP statuses', () => {
    expect(classifyHttpStatus(404, url)).toMatchObject({ reason: 'not_found', transient: false });
    expect(classifyHttpStatus(503, url)).toMatchObject({ reason: 'interrupted', transient: true });
    expect(classifyHttpStatus(429, url).transient).toBe(true);
    expect(classifyHttpStatus(403, url)).toMatchObject({ reason: 'http_error', transient: false });
  });

  it('maps disk full and permission errors to their own reasons and codes', () => {
    const enospc = classifyFsError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), '/m/x');
    expect(enospc).toMatchObject({ reason: 'disk_full', code: 'disk_full' });
    expect(enospc.message).toMatch(/disk is full .*Free some space/);
    expect(classifyFsError(Object.assign(new Error('denied'), { code: 'EACCES' }), '/m/x')).toMatchObject({ reason: 'permission_denied' });
  });
});

describe('disk space', () => {
  it('counts downloads, unpacked archives and a margin', () => {
    const plain = { files: [file({ sizeBytes: 1_000 })] };
    const archive = { files: [file({ sizeBytes: 1_000, extract: { format: 'tar.bz2', stripComponents: 1 } })] };
    expect(bytesNeededFor(plain)).toBe(1_100);
    expect(bytesNeededFor(archive)).toBe(2_750);
  });

  it('counts only the bytes still missing when a fetch resumes', () => {
    const plain = { files: [file({ sizeBytes: 1_000 })] };
    const archive = { files: [file({ sizeBytes: 1_000, extract: { format: 'tar.bz2', stripComponents: 1 } })] };
    expect(bytesNeededFor(plain, 600)).toBeCloseTo(440, -1);
    expect(bytesNeededFor(plain, 1_000)).toBe(0);
    expect(bytesNeededFor(archive, 1_000)).toBeCloseTo(1_650, -1); // the archive is here, its unpacked files are not
  });

  it('refuses early when the disk cannot hold the model', () => {
    expect(diskSpaceProblem('whisper-small', '/m', 2_000_000_000, 300_000_000)?.message).toMatch(/needs about 2\.0 GB free in \/m, but only 300\.0 MB/);
    expect(diskSpaceProblem('x', '/m', 10, 11)).toBeNull();
    expect(diskSpaceProblem('x', '/m', 10, null)).toBeNull();
  });
});

describe('file checks of the default test load', () => {
  it('recognises an ONNX header and rejects HTML', () => {
    expect(looksLikeOnnx(new Uint8Array([0x08, 0x07, 0x12]))).toBe(true);
    expect(looksLikeOnnx(new TextEncoder().encode('<!DOCTYPE html>'))).toBe(false);
    expect(looksLikeOnnx(new Uint8Array([0x08]))).toBe(false);
  });

  it('recognises a sherpa-onnx tokens.txt', () => {
    expect(looksLikeTokens('_ 0\n^ 1\n  3\na 4\n')).toBe(true);
    expect(looksLikeTokens('<html>\n</html>')).toBe(false);
    expect(looksLikeTokens('')).toBe(false);
  });
});
