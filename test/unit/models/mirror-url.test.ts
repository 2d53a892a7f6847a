import { describe, expect, it } from 'vitest';
import { buildCatalog, requireEntry } from '../../../src/main/core/models/catalog';
import { entryWithMirror, parseMirrorBase, rewriteToMirror } from '../../../src/main/core/models/mirror-url';

describe('mirror URLs', () => {
  it('replaces the origin and keeps the path and query', () => {
    expect(rewriteToMirror('https://huggingface.co/onnx-community/whisper-base/resolve/main/onnx/a.onnx?download=1', 'https://mirror.lan:8080')).toBe(
      'https://mirror.lan:8080/onnx-community/whisper-base/resolve/main/onnx/a.onnx?download=1',
    );
  });

  it('keeps a path prefix on the mirror, with or without a trailing slash', () => {
    const url = 'https://github.com/k2-fsa/sherpa-onnx/releases/download/tts-models/v.tar.bz2';
    expect(rewriteToMirror(url, 'https://corp.example/models/')).toBe('https://corp.example/models/k2-fsa/sherpa-onnx/releases/download/tts-models/v.tar.bz2');
    expect(rewriteToMirror(url, 'https://corp.example/models')).toBe('https://corp.example/models/k2-fsa/sherpa-onnx/releases/download/tts-models/v.tar.bz2');
  });

  it('rejects mirrors that are not http(s) URLs, with a message saying the right form', () => {
    expect(() => parseMirrorBase('mirror.lan')).toThrow(/not a URL — give the mirror as https/);
    expect(() => parseMirrorBase('ftp://mirror.lan')).toThrow(/must start with https/);
    expect(() => parseMirrorBase('http://mirror.lan:8080')).toThrow(/plain http, which anyone on the way can alter/);
    expect(parseMirrorBase('http://localhost:9000')).toBe('http://localhost:9000');
    expect(() => parseMirrorBase('https://m/?x=1')).toThrow(/query/);
  });

  it('points every file of an entry at the mirror and leaves the entry alone without one', () => {
    const entry = requireEntry(buildCatalog(), 'whisper-base');
    const mirrored = entryWithMirror(entry, 'http://127.0.0.1:9000');
    expect(mirrored.files.every((f) => f.url.startsWith('http://127.0.0.1:9000/onnx-community/whisper-base/'))).toBe(true);
    expect(entry.files[0]!.url.startsWith('https://huggingface.co/')).toBe(true);
    expect(entryWithMirror(entry, undefined)).toBe(entry);
  });
});
