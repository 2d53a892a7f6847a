import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../../../bench/bench-args';

describe('npm run bench arguments', () => {
  it('defaults to 10 turns on computing engines (30 with scripted ones), printed as a table', () => {
    expect(parseBenchArgs([])).toEqual({ json: false, turns: 10, real: false, compute: 'real', preset: 'balanced', help: false });
    expect(parseBenchArgs(['--compute', 'scripted'])).toMatchObject({ turns: 30, compute: 'scripted' });
  });

  it('reads --json, --turns and --real', () => {
    expect(parseBenchArgs(['--json', '--turns', '10', '--real'])).toEqual({ json: true, turns: 10, real: true, compute: 'scripted', preset: 'balanced', help: false });
  });

  it('reads --compute real, and refuses other engines or a mix with --real', () => {
    expect(parseBenchArgs(['--compute', 'real']).compute).toBe('real');
    expect(() => parseBenchArgs(['--compute', 'fast'])).toThrow('--compute takes "real" or "scripted" (got "fast").');
    expect(() => parseBenchArgs(['--compute', 'real', '--real'])).toThrow('leave out --compute real');
  });

  it('reads --preset for the computing engines, and refuses an unknown one or a scripted run with one', () => {
    expect(parseBenchArgs(['--preset', 'fast']).preset).toBe('fast');
    expect(() => parseBenchArgs(['--preset', 'turbo'])).toThrow('--preset takes fast, balanced, quality (got "turbo").');
    expect(() => parseBenchArgs(['--compute', 'scripted', '--preset', 'quality'])).toThrow('--preset applies to --compute real only.');
  });

  it('refuses a turn count that is not a whole number from 1, and unknown options', () => {
    expect(() => parseBenchArgs(['--turns', '0'])).toThrow('--turns takes a whole number from 1 to 1000 (got "0").');
    expect(() => parseBenchArgs(['--turns', 'ten'])).toThrow('--turns takes a whole number');
    expect(() => parseBenchArgs(['--fast'])).toThrow();
  });
});
