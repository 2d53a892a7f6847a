// The benchmark's Whisper wrapper caps each clip at the decoder steps a real model would spend on
// it, and still refuses a stand-in that decodes something other than its script.
import { describe, expect, it } from 'vitest';
import { ScriptedTranscript, WhisperTimingLog } from '../../../bench/scripted-transcript';
import type { SpeechToText, TranscribeOptions, Transcription } from '../../../src/main/core/engines/types';

const SCRIPT = 'What is the tallest mountain in Africa?';

/** Decodes the script's words up to the token cap, as the stand-in does. */
function standIn(decoded = SCRIPT): SpeechToText & { caps: number[] } {
  const caps: number[] = [];
  return {
    id: 'stand-in',
    caps,
    warm: async () => undefined,
    dispose: async () => undefined,
    transcribe: async (_audio: Float32Array, options: TranscribeOptions): Promise<Transcription> => {
      caps.push(options.maxTokens);
      const words = decoded.split(' ').slice(0, options.maxTokens);
      return { text: words.join(' '), language: 'en', tokenCount: words.length };
    },
  };
}

const options: TranscribeOptions = { language: 'en', beamSize: 1, maxTokens: 96 };

describe('the benchmark’s scripted transcript', () => {
  it('gives a clip its share of the script’s steps and accepts the script’s start', async () => {
    const inner = standIn();
    const stt = new ScriptedTranscript(inner, new WhisperTimingLog(), () => 'heard', SCRIPT, (clip) => clip.length / 1000);
    const result = await stt.transcribe(new Float32Array(3000), options);
    expect(inner.caps).toEqual([3]);
    expect(result.text).toBe('heard');
    expect(stt.calls[0]!.tokens).toBe(3);
  });

  it('leaves the cap alone without a step count, and wants the whole script then', async () => {
    const inner = standIn('What is the tallest');
    const stt = new ScriptedTranscript(inner, new WhisperTimingLog(), () => 'heard', SCRIPT);
    await expect(stt.transcribe(new Float32Array(3000), options)).rejects.toThrow(/instead of its script/);
    expect(inner.caps).toEqual([96]);
  });

  it('refuses a decode that is not the script’s start', async () => {
    const stt = new ScriptedTranscript(standIn('Something else entirely'), new WhisperTimingLog(), () => 'heard', SCRIPT, () => 2);
    await expect(stt.transcribe(new Float32Array(3000), options)).rejects.toThrow(/instead of its script/);
  });
});
