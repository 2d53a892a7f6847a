import { describe, expect, it } from 'vitest';
import { terminalSafe, terminalSafeIo } from '../../../src/main/cli/terminal-text';

describe('text printed to a terminal', () => {
  it('shows escape sequences, carriage returns and bidi overrides as visible escapes', () => {
    expect(terminalSafe('red \u001b[31mALERT\u001b[0m')).toBe('red \\u001b[31mALERT\\u001b[0m');
    expect(terminalSafe('safe\rrm -rf ~')).toBe('safe\\u000drm -rf ~');
    expect(terminalSafe('title \u001b]0;pwned\u0007')).toBe('title \\u001b]0;pwned\\u0007');
    expect(terminalSafe('csi \u009b31m')).toBe('csi \\u009b31m');
    expect(terminalSafe('file\u202Etxt.exe')).toBe('file\\u202etxt.exe');
  });

  it('keeps line feeds, tabs and every language as they are', () => {
    expect(terminalSafe('Olá, tudo bem?\n\tçãõ 日本 🙂')).toBe('Olá, tudo bem?\n\tçãõ 日本 🙂');
  });

  it('keeps JSON valid: an escaped C1 character parses back to itself', () => {
    expect(JSON.parse(terminalSafe(JSON.stringify({ reply: 'a\u009bb\u001bc' })))).toEqual({ reply: 'a\u009bb\u001bc' });
  });

  it('filters both streams of a command and keeps whether they are terminals', () => {
    const written: string[] = [];
    const io = terminalSafeIo({ stdout: { write: (t: string) => written.push(t), isTTY: true }, stderr: { write: (t: string) => written.push(t) }, env: {} });
    io.stdout.write('\u001b[2J');
    io.stderr.write('\u0007');
    expect(written).toEqual(['\\u001b[2J', '\\u0007']);
    expect(io.stdout.isTTY).toBe(true);
  });
});
