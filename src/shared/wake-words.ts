// The wake words Earshot ships and the license their models carry, for main (the detector), the
// settings schema and the window (which must show the license wherever one is enabled).

export const PRETRAINED_WAKE_WORDS = ['hey_jarvis', 'alexa', 'hey_mycroft', 'hey_rhasspy'] as const;
export type PretrainedWakeWord = (typeof PRETRAINED_WAKE_WORDS)[number];

/**
 * The pretrained classifiers are not under the npm package's MIT license: openWakeWord publishes
 * them under CC BY-NC-SA 4.0 (non-commercial, attribution, share-alike).
 */
export const PRETRAINED_WAKE_LICENSE = {
  name: 'CC BY-NC-SA 4.0',
  url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/',
  author: 'David Scripka (openWakeWord)',
} as const;
