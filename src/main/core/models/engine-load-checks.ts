// Test loads with the real engines: a downloaded model counts as installed only after the engine
// that will use it has loaded it (and, for voices, spoken a word).
import { basename, dirname } from 'node:path';
import { SherpaTextToSpeech } from '../engines/tts/sherpa-tts';
import { WorkerWhisperSpeechToText } from '../engines/stt/whisper-worker-stt';
import { ModelError } from './model-errors';
import type { LoadChecks } from './load-checks';

function failed(id: string, error: unknown): ModelError {
  const detail = error instanceof Error ? error.message : String(error);
  return new ModelError('corrupt', `${id} was downloaded but does not load: ${detail}`, { cause: error });
}

export function engineLoadChecks(): LoadChecks {
  return {
    stt: async (dir, entry) => {
      const stt = new WorkerWhisperSpeechToText({ modelDir: dir, modelId: entry.id, quantized: true });
      try {
        await stt.warm();
      } catch (error) {
        throw failed(entry.id, error);
      } finally {
        await stt.dispose();
      }
    },
    tts: async (dir, entry, signal) => {
      const language = entry.languages.includes('pt') ? 'pt' : 'en';
      const voice = basename(dir);
      const tts = new SherpaTextToSpeech({ modelsDir: dirname(dir), voices: { en: voice, pt: voice }, numThreads: 1 });
      try {
        const audio = await tts.synthesize(language === 'pt' ? 'Olá.' : 'Hello.', { language, speed: 1, signal });
        if (audio.samples.length === 0) throw new Error('it produced no audio');
      } catch (error) {
        throw failed(entry.id, error);
      } finally {
        await tts.dispose();
      }
    },
  };
}
