import { describe, expect, it } from 'vitest';
import { EMPTY_PULL_TALLY, foldPullLine, pullPhaseOf, pullTotals, sameOllamaModel } from '../../../src/main/core/models/ollama-models';

describe('Ollama pull progress', () => {
  it('maps status lines to phases', () => {
    expect(pullPhaseOf('pulling manifest')).toBe('connecting');
    expect(pullPhaseOf('pulling 6a0746a1ec1a')).toBe('downloading');
    expect(pullPhaseOf('verifying sha256 digest')).toBe('verifying');
    expect(pullPhaseOf('writing manifest')).toBe('installing');
    expect(pullPhaseOf('success')).toBe('done');
  });

  it('sums bytes over layers, counting each layer once however often it reports', () => {
    const lines = [
      { status: 'pulling manifest' },
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 1_000, completed: 0 },
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 1_000, completed: 600 },
      { status: 'pulling bbb', digest: 'sha256:bbb', total: 200, completed: 50 },
      { status: 'pulling aaa', digest: 'sha256:aaa', total: 1_000, completed: 1_000 },
    ];
    const tally = lines.reduce(foldPullLine, EMPTY_PULL_TALLY);
    expect(pullTotals(tally)).toEqual({ receivedBytes: 1_050, totalBytes: 1_200 });
    expect(tally.phase).toBe('downloading');
  });

  it('has no total before the first layer', () => {
    expect(pullTotals(foldPullLine(EMPTY_PULL_TALLY, { status: 'pulling manifest' }))).toEqual({ receivedBytes: 0, totalBytes: null });
  });

  it('treats a name without a tag as :latest', () => {
    expect(sameOllamaModel('nomic-embed-text', 'nomic-embed-text:latest')).toBe(true);
    expect(sameOllamaModel('llama3.2:3b', 'llama3.2:1b')).toBe(false);
  });
});
