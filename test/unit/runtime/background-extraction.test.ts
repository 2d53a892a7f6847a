import { describe, expect, it } from 'vitest';
import { reportingEviction } from '../../../src/main/core/runtime/background-extraction';
import { turn } from '../../support/store-fixtures';

describe('reportingEviction: an extraction on the chat model always reports the prefix it evicted', () => {
  it('reports after an extraction that found facts, and passes them on', async () => {
    let evictions = 0;
    const extract = reportingEviction(async () => ['The user is vegetarian.'], () => (evictions += 1));
    expect(await extract([turn(1)])).toEqual(['The user is vegetarian.']);
    expect(evictions).toBe(1);
  });

  it('reports after an extraction that failed or was aborted, and still throws its error', async () => {
    let evictions = 0;
    const extract = reportingEviction(async () => {
      throw new Error('Ollama went away');
    }, () => (evictions += 1));
    await expect(extract([turn(1)], AbortSignal.abort())).rejects.toThrow('Ollama went away');
    expect(evictions).toBe(1);
  });

  it('hands the abort signal to the extractor', async () => {
    const controller = new AbortController();
    let seen: AbortSignal | undefined;
    await reportingEviction(async (_turns, signal) => ((seen = signal), []), () => undefined)([turn(1)], controller.signal);
    expect(seen).toBe(controller.signal);
  });
});
