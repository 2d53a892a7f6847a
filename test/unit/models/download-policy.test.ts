import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/main/core/models/catalog';
import { isEntryPinned } from '../../../src/main/core/models/catalog-schema';
import { downloadByteCap, downloadUrlProblem, KIND_MAX_BYTES, redirectAllowed } from '../../../src/main/core/models/download-policy';

describe('which URLs a model may come from', () => {
  it('takes https anywhere and plain http only from this machine', () => {
    expect(downloadUrlProblem('https://huggingface.co/a')).toBeNull();
    expect(downloadUrlProblem('http://127.0.0.1:8080/a')).toBeNull();
    expect(downloadUrlProblem('http://localhost/a')).toBeNull();
    expect(downloadUrlProblem('http://[::1]:9/a')).toBeNull();
    expect(downloadUrlProblem('http://mirror.lan/a')).toMatch(/plain http/);
    expect(downloadUrlProblem('http://127.0.0.1.evil.com/a')).toMatch(/plain http/);
    expect(downloadUrlProblem('file:///etc/passwd')).toMatch(/not an https/);
  });

  it('follows redirects to the same host or a host the catalog names, over https', () => {
    expect(redirectAllowed('https://huggingface.co/a', 'https://huggingface.co/b')).toBe(true);
    expect(redirectAllowed('https://huggingface.co/a', 'https://evil.example/b')).toBe(false);
    expect(redirectAllowed('https://huggingface.co/a', 'https://cas-bridge.xethub.hf.co/b', ['.hf.co'])).toBe(true);
    expect(redirectAllowed('https://huggingface.co/a', 'https://evilhf.co/b', ['.hf.co'])).toBe(false);
    expect(redirectAllowed('https://huggingface.co/a', 'http://cdn.hf.co/b', ['.hf.co'])).toBe(false);
  });

  it('caps bytes at the exact size when pinned, else at a bound from the estimate and the kind', () => {
    expect(downloadByteCap({ sizeBytes: 1000, exactSize: true }, 'stt')).toBe(1000);
    expect(downloadByteCap({ sizeBytes: 63_500_000, exactSize: false }, 'tts')).toBe(317_500_000);
    expect(downloadByteCap({ sizeBytes: 340, exactSize: false }, 'stt')).toBe(340 + 1024 * 1024);
    expect(downloadByteCap({ sizeBytes: 3_000_000_000, exactSize: false }, 'vad')).toBe(KIND_MAX_BYTES.vad);
  });
});

describe('the built-in catalog', () => {
  it('downloads only over https and says which entries it cannot verify', () => {
    const entries = buildCatalog().entries;
    for (const entry of entries) for (const file of entry.files) expect(file.url).toMatch(/^https:\/\//);
    const unpinned = entries.filter((e) => !isEntryPinned(e)).map((e) => e.id);
    // No checksums could be read from the hosts where the catalog was written: all downloads are unverified.
    expect(unpinned).toEqual(entries.filter((e) => !e.bundled).map((e) => e.id));
    expect(isEntryPinned({ bundled: false, files: [{ path: 'a', url: 'https://x/a', sizeBytes: 1, exactSize: true, sha256: 'a'.repeat(64) }] })).toBe(true);
  });
});
