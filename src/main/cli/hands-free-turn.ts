// `ask --wav FILE --hands-free`: the file plays the part of an open microphone. The wake word
// starts the turn, the end of speech (Silero VAD, as in the app) ends it, and the first answered
// turn is the command's result.
import { createRequire } from 'node:module';
import { EarshotError } from '../../shared/errors';
import type { Settings } from '../../shared/settings';
import type { TurnResult } from '../../shared/turn';
import { SileroVad } from '../core/engines/vad/silero-vad';
import { WakeDetector } from '../core/engines/wake/wake-detector';
import { packageWakeModelsDir, wakeModelPaths } from '../core/engines/wake/wake-models';
import { loadWakeModels } from '../core/engines/wake/wake-onnx-models';
import type { Assistant } from '../core/turn/assistant';
import type { TurnOptions } from '../core/turn/active-turn';
import { HandsFreeController } from '../core/turn/hands-free';
import { DEFAULT_TALK_CONFIG } from '../../shared/talk-machine';

const CHUNK = 1600;

export async function handsFreeTurn(assistant: Assistant, audio: Float32Array, listening: Settings['listening'], options: TurnOptions): Promise<TurnResult> {
  const resolve = createRequire(__filename).resolve;
  const paths = wakeModelPaths(packageWakeModelsDir(resolve), listening.customClassifier.trim() || listening.wakeWord);
  const wake = await WakeDetector.create(await loadWakeModels(paths), { threshold: listening.wakeThreshold });
  const vad = new SileroVad(resolve('@ricky0123/vad-web/dist/silero_vad_v5.onnx'));
  const results: TurnResult[] = [];
  const controller = new HandsFreeController({
    assistant,
    wake,
    vad,
    config: { ...DEFAULT_TALK_CONFIG, followUpMs: listening.followUpSeconds * 1000 },
    turnOptions: options,
    onTurn: (result) => results.push(result),
  });
  try {
    for (let at = 0; at < audio.length; at += CHUNK) await controller.push(audio.slice(at, at + CHUNK));
    await controller.finish();
  } finally {
    controller.stop(); // a follow-up window still open has nothing more to hear
    await vad.dispose();
  }
  const answered = results[0];
  if (!answered) {
    throw new EarshotError('audio_empty', `The wake word "${paths.classifier.wakeWord}" was not heard — start the recording with it, then ask the question.`);
  }
  return answered;
}
