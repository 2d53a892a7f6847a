// A models folder of stand-ins under the default ids (whisper-base, the default en/pt voices), so the
// real engine code runs end to end without real weights: the CLI tests, the e2e tests and manual
// runs (`npx tsx test/support/stand-in-models.ts DIR`).
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { writePiperStandIn } from './piper-stand-in';
import { type WhisperStandIn, writeWhisperStandIn } from './whisper-stand-in';

export interface StandInModels {
  modelsDir: string;
  whisper: WhisperStandIn;
}

export async function writeStandInModels(modelsDir: string, options: { spokenLanguage?: 'en' | 'pt' } = {}): Promise<StandInModels> {
  const whisper = await writeWhisperStandIn(join(modelsDir, DEFAULT_SETTINGS.stt.model), { spokenLanguage: options.spokenLanguage, variants: ['int8'] });
  await writePiperStandIn(join(modelsDir, DEFAULT_SETTINGS.tts.voiceEn), { language: 'en', sampleRate: 22_050 });
  await writePiperStandIn(join(modelsDir, DEFAULT_SETTINGS.tts.voicePt), { language: 'pt', sampleRate: 22_050 });
  return { modelsDir, whisper };
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('Usage: tsx test/support/stand-in-models.ts MODELS_DIR\n');
    process.exitCode = 2;
  } else {
    void writeStandInModels(dir).then((m) => process.stdout.write(`Stand-in models written to ${m.modelsDir} (Whisper says "${m.whisper.texts.en}")\n`));
  }
}
