import { describe, expect, it } from 'vitest';
import { isOwnVoice, recentPlayed } from '../../../src/main/core/turn/echo-suppression';

describe('echo suppression', () => {
  it('takes a detection right after Earshot played the wake word for its echo', () => {
    expect(isOwnVoice(10_200, [10_000])).toBe(true);
    expect(isOwnVoice(9_000, [10_000])).toBe(true);
  });

  it('lets the user wake it when Earshot has not said the wake word lately', () => {
    expect(isOwnVoice(10_000, [])).toBe(false);
    expect(isOwnVoice(12_000, [10_000])).toBe(false);
  });

  it('forgets played detections too old to have an echo still coming', () => {
    expect(recentPlayed([1000, 9000, 10_000], 10_400)).toEqual([9000, 10_000]);
  });
});
