// Loads any WAV file as 16 kHz mono speech-to-text input.
import { readFile } from 'node:fs/promises';
import { EarshotError } from '../../../shared/errors';
import { STT_SAMPLE_RATE } from '../engines/types';
import { resample } from './resample';
import { decodeWav, downmix } from './wav-codec';

export async function loadUtterance(path: string): Promise<Float32Array> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EarshotError(
      'invalid_input',
      code === 'ENOENT' ? `No WAV file at ${path} — check the path.` : `Cannot read ${path} (${code ?? 'error'}).`,
    );
  }
  const wav = decodeWav(bytes);
  const mono = downmix(wav.channels);
  if (mono.length === 0) throw new EarshotError('audio_empty', `${path} holds no audio.`, { params: { variant: 'emptyFile', path } });
  return resample(mono, wav.sampleRate, STT_SAMPLE_RATE);
}
