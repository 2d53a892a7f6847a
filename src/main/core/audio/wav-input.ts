// Loads a WAV file as 16 kHz mono speech-to-text input, reading only what will be used: the
// transcriber keeps 120 s, and a second more lets it see (and say) that the file went on.
import { EarshotError } from '../../../shared/errors';
import { STT_SAMPLE_RATE } from '../engines/types';
import { resample } from './resample';
import { readWavMono } from './wav-file-reader';

/** Seconds read from a WAV file: the 120 s the transcriber keeps, and one more so it can tell the file was longer. */
export const UTTERANCE_READ_SECONDS = 121;

export async function loadUtterance(path: string, maxSeconds = UTTERANCE_READ_SECONDS): Promise<Float32Array> {
  const wav = await readWavMono(path, maxSeconds);
  if (wav.samples.length === 0) throw new EarshotError('audio_empty', `${path} holds no audio.`, { params: { variant: 'emptyFile', path } });
  return resample(wav.samples, wav.sampleRate, STT_SAMPLE_RATE);
}
