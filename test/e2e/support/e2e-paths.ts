// Where the end-to-end tests keep what they make once per run (under test-results/, never
// committed): a snapshot of the built renderer, stand-in models, fake-microphone recordings.
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const E2E_WORK = join(REPO_ROOT, 'test-results', 'e2e-work');

export const E2E_PATHS = {
  /** out/renderer copied at the start of the run, so a rebuild elsewhere cannot change it mid-run. */
  renderer: join(E2E_WORK, 'renderer'),
  models: join(E2E_WORK, 'models'),
  /** What Chromium's fake microphone plays, looped: a spoken question between silences. */
  microphone: join(E2E_WORK, 'audio', 'question.wav'),
  /** The hands-free test's microphone, looped: wake word, question, a pause, a follow-up, silence. */
  handsFreeMicrophone: join(E2E_WORK, 'audio', 'hands-free.wav'),
  builtRenderer: join(REPO_ROOT, 'out', 'renderer'),
  makeSpeech: join(REPO_ROOT, 'scripts', 'make-test-speech.sh'),
  tsx: join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
  webMain: join(REPO_ROOT, 'src', 'main', 'web', 'main.ts'),
};

/** What the stand-in Whisper model hears in any English speech (test/support/whisper-stand-in.ts). */
export const STAND_IN_TRANSCRIPT = 'hello world';
/**
 * The transcript of one hold of Talk: the fake microphone loops its recording, so a hold that
 * starts mid-question hears the end of one repeat and the start of the next (two speech segments).
 */
export const HELD_TRANSCRIPT = /^hello world( hello world)*$/;
