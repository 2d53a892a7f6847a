import { describe, expect, it } from 'vitest';
import { isEarshotError } from '../../../../src/shared/errors';
import { DEFAULT_OLLAMA_HOST, isLoopbackHost, normaliseOllamaHost, resolveOllamaHost } from '../../../../src/main/core/engines/llm/ollama-host';

function errorOf(action: () => unknown): { code: string; message: string } {
  try {
    action();
  } catch (error) {
    if (isEarshotError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected an error');
}

describe('resolveOllamaHost', () => {
  it('uses the settings value first, then OLLAMA_HOST, then the default', () => {
    expect(resolveOllamaHost('http://10.0.0.5:8080', { OLLAMA_HOST: 'example.lan:9000' })).toBe('http://10.0.0.5:8080');
    expect(resolveOllamaHost('', { OLLAMA_HOST: 'example.lan:9000' })).toBe('http://example.lan:9000');
    expect(resolveOllamaHost('  ', { OLLAMA_HOST: '  ' })).toBe(DEFAULT_OLLAMA_HOST);
    expect(resolveOllamaHost('', {})).toBe('http://127.0.0.1:11434');
  });

  it.each([
    // [what a person or OLLAMA_HOST may say, where the client connects]
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    [':11435', 'http://127.0.0.1:11435'],
    ['localhost', 'http://localhost:11434'],
    ['LOCALHOST:11434', 'http://localhost:11434'],
    ['127.0.0.1:9999', 'http://127.0.0.1:9999'],
    ['ollama.lan', 'http://ollama.lan:11434'],
    ['http://127.0.0.1:11434/', 'http://127.0.0.1:11434'],
    ['"http://127.0.0.1:11434"', 'http://127.0.0.1:11434'],
    ["'localhost:11434'", 'http://localhost:11434'],
    // An explicit scheme without a port means that scheme's port, as in Ollama.
    ['http://example.com', 'http://example.com:80'],
    ['https://example.com', 'https://example.com:443'],
    ['HTTPS://example.com:8443/ollama/', 'https://example.com:8443/ollama'],
    ['[::1]:11434', 'http://[::1]:11434'],
    ['::1', 'http://[::1]:11434'],
    ['[::]:11434', 'http://[::1]:11434'],
    ['http://[fe80::1]:80', 'http://[fe80::1]:80'],
  ])('%s → %s', (input, expected) => {
    expect(resolveOllamaHost(input, {})).toBe(expected);
    expect(resolveOllamaHost('', { OLLAMA_HOST: input })).toBe(expected);
  });

  it.each([
    'not a host',
    'ftp://example.com',
    'http://',
    'localhost:abc',
    'localhost:99999',
    'localhost:0',
    'http://user:secret@example.com',
    '[::1',
    'exa$mple.com',
    'a:b:c',
    '999.1.1.1',
    'http://example.com/path?x=1',
  ])('rejects %j with invalid_input and says where the value came from', (input) => {
    const fromSettings = errorOf(() => resolveOllamaHost(input, {}));
    expect(fromSettings.code).toBe('invalid_input');
    expect(fromSettings.message).toContain('in settings');
    expect(fromSettings.message).toContain('http://127.0.0.1:11434');
    const fromEnv = errorOf(() => resolveOllamaHost('', { OLLAMA_HOST: input }));
    expect(fromEnv.code).toBe('invalid_input');
    expect(fromEnv.message).toContain('OLLAMA_HOST');
  });

  it('gives a result the URL parser accepts and that is stable when normalised again', () => {
    for (const input of ['0.0.0.0', 'localhost', 'https://example.com/x/', '[::1]:1']) {
      const once = normaliseOllamaHost(input);
      expect(URL.canParse(once)).toBe(true);
      expect(normaliseOllamaHost(once)).toBe(once);
    }
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['http://127.0.0.1:11434', true],
    ['http://127.1.2.3:1', true],
    ['http://localhost:11434', true],
    ['http://app.localhost:11434', true],
    ['http://[::1]:11434', true],
    ['http://[::ffff:127.0.0.1]:11434', true],
    ['http://10.0.0.5:11434', false],
    ['http://example.com', false],
    ['http://128.0.0.1', false],
    ['http://[::ffff:10.0.0.1]:1', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isLoopbackHost(url)).toBe(expected);
  });
});
