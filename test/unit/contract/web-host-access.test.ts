import { describe, expect, it } from 'vitest';
import { checkBridgeAccess, isLoopbackHostHeader, isLoopbackOrigin } from '../../../src/main/web/access-check';
import { contentTypeFor } from '../../../src/main/core/host/content-types';
import { parseWebArgs } from '../../../src/main/web/web-args';

describe('browser host command line', () => {
  it('parses the options', () => {
    expect(parseWebArgs(['--port', '0', '--llm-host', 'http://127.0.0.1:11434', '--data-dir', '/d', '--models-dir', '/m', '--host-dir', 'out/renderer'])).toEqual({
      ok: true,
      args: { port: 0, llmHost: 'http://127.0.0.1:11434', dataDir: '/d', modelsDir: '/m', hostDir: 'out/renderer' },
    });
    expect(parseWebArgs([])).toMatchObject({ ok: true, args: { port: 5190 } });
  });

  it('explains bad options with the usage line', () => {
    for (const argv of [['--port', 'http'], ['--port', '70000'], ['--llm-host', 'localhost'], ['--frobnicate'], ['extra']]) {
      const parsed = parseWebArgs(argv);
      expect(parsed.ok, argv.join(' ')).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/Usage: npm run web/);
    }
  });
});

describe('browser host access', () => {
  const token = 'x'.repeat(32);
  const ok = { url: `/bridge?token=${token}`, host: '127.0.0.1:5190', ownPort: 5190 };

  it('needs the token', () => {
    expect(checkBridgeAccess(ok, token)).toEqual({ ok: true });
    expect(checkBridgeAccess({ ...ok, url: '/bridge' }, token)).toMatchObject({ ok: false, status: 401 });
    expect(checkBridgeAccess({ ...ok, url: `/bridge?token=${token}y` }, token)).toMatchObject({ ok: false, status: 401 });
    expect(checkBridgeAccess({ ...ok, url: '/bridge?token=' }, token)).toMatchObject({ ok: false, status: 401 });
  });

  it('refuses other sites and other host names', () => {
    expect(checkBridgeAccess({ ...ok, origin: 'https://evil.example' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkBridgeAccess({ ...ok, origin: 'http://127.0.0.1.evil.example:5190' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkBridgeAccess({ ...ok, host: 'evil.example:5190' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkBridgeAccess({ ...ok, origin: 'http://localhost:5190' }, token)).toEqual({ ok: true });
    expect(isLoopbackHostHeader(undefined)).toBe(false);
  });

  it('accepts only its own origin: scheme, host and port', () => {
    expect(checkBridgeAccess({ ...ok, origin: 'http://127.0.0.1:5190' }, token)).toEqual({ ok: true });
    expect(checkBridgeAccess({ ...ok, origin: 'http://localhost:3000' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkBridgeAccess({ ...ok, origin: 'http://127.0.0.1:8080' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkBridgeAccess({ ...ok, origin: 'https://127.0.0.1:5190' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(checkBridgeAccess({ ...ok, origin: 'http://127.0.0.1' }, token)).toMatchObject({ ok: false, status: 403 });
    expect(isLoopbackHostHeader('[::1]:80')).toBe(true);
    expect(isLoopbackOrigin('file://')).toBe(false);
  });

  it('serves the content types the renderer needs', () => {
    expect(contentTypeFor('/a/ort.wasm')).toBe('application/wasm');
    expect(contentTypeFor('/a/ort.MJS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('/a/silero.onnx')).toBe('application/octet-stream');
    expect(contentTypeFor('/a/index.html')).toBe('text/html; charset=utf-8');
  });
});
