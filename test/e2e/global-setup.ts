// Once per end-to-end run: snapshot the built renderer, write the stand-in Whisper model and Piper
// voices under the default model ids, and record the fake-microphone question with espeak-ng.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { writePiperStandIn } from '../support/piper-stand-in';
import { writeWhisperStandIn } from '../support/whisper-stand-in';
import { E2E_PATHS } from './support/e2e-paths';

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export default async function globalSetup(): Promise<void> {
  if (!(await exists(join(E2E_PATHS.builtRenderer, 'index.html')))) {
    throw new Error('The renderer is not built — run `npm run build` (or `npm run test:e2e`, which builds first).');
  }
  await rm(E2E_PATHS.renderer, { recursive: true, force: true });
  await cp(E2E_PATHS.builtRenderer, E2E_PATHS.renderer, { recursive: true });

  await rm(E2E_PATHS.models, { recursive: true, force: true });
  await writeWhisperStandIn(join(E2E_PATHS.models, DEFAULT_SETTINGS.stt.model));
  await writePiperStandIn(join(E2E_PATHS.models, DEFAULT_SETTINGS.tts.voiceEn), { language: 'en' });
  await writePiperStandIn(join(E2E_PATHS.models, DEFAULT_SETTINGS.tts.voicePt), { language: 'pt' });

  await mkdir(join(E2E_PATHS.microphone, '..'), { recursive: true });
  execFileSync('bash', [E2E_PATHS.makeSpeech, E2E_PATHS.microphone, 'What is the capital of France?'], { stdio: 'inherit' });
  await makeHandsFreeMicrophone();
}

/**
 * "Hey Jarvis … what is the capital of France?", 9 s for the answer, a follow-up without the wake
 * word, then 12 s of silence in which the follow-up's slow reply plays until the loop comes round
 * to "Hey Jarvis" again and barges in. Speech over a reply interrupts it, so the pause must outlast
 * the first answer even on a loaded machine, or the follow-up would cut it off.
 */
async function makeHandsFreeMicrophone(): Promise<void> {
  const dir = join(E2E_PATHS.handsFreeMicrophone, '..');
  const parts = [
    ['wake.wav', 'Hey Jarvis', '0.5', '0.6'],
    ['question.wav', 'What is the capital of France?', '0', '9'],
    ['follow-up.wav', 'And what about Spain?', '0', '12'],
  ] as const;
  for (const [file, text, lead, tail] of parts) execFileSync('bash', [E2E_PATHS.makeSpeech, join(dir, file), text, 'en-us', lead, tail], { stdio: 'inherit' });
  execFileSync('sox', [...parts.map(([file]) => join(dir, file)), E2E_PATHS.handsFreeMicrophone], { stdio: 'inherit' });
}
