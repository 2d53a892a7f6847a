import { describe, expect, it } from 'vitest';
import { describeProfile, LAPTOP_PROFILE, msPerStreamedWord, utteranceSeconds } from '../../../bench/laptop-profile';
import { ProfileTts, toneOf } from '../../../bench/profile-tts';

describe('the laptop profile', () => {
  it('matches issue 6: 250 ms of STT for 3 s of audio, 300 ms to first token then 25 ms per token, RTF 0.15', () => {
    expect(LAPTOP_PROFILE.stt.msPerAudioSecond * 3).toBeCloseTo(250);
    expect(LAPTOP_PROFILE.llm).toMatchObject({ firstTokenMs: 300, perTokenMs: 25 });
    expect(msPerStreamedWord(LAPTOP_PROFILE)).toBeCloseTo(32.5);
    expect(LAPTOP_PROFILE.tts.realTimeFactor).toBe(0.15);
    expect(utteranceSeconds(LAPTOP_PROFILE.utterance)).toBeCloseTo(3);
    expect(describeProfile(LAPTOP_PROFILE).voice_to_voice).toContain('key-up → first audio chunk');
  });

  it('speaks a sentence as one chunk of tone, as long as the text asks for', async () => {
    const tts = new ProfileTts({ realTimeFactor: 0, secondsPerChar: 0.05, sampleRate: 1000 });
    const chunks: Float32Array[] = [];
    const audio = await tts.synthesize('Twenty chars exactly', { language: 'en', speed: 1, onChunk: (samples) => chunks.push(samples) });
    expect(chunks).toHaveLength(1);
    expect(audio.samples).toHaveLength(1000);
    expect(chunks[0]).toEqual(audio.samples);
  });

  it('builds the tone by repeating one period', () => {
    const tone = toneOf(1000, 22_050);
    const period = Math.round(22_050 / 220);
    expect(tone[period + 7]).toBe(tone[7]);
    expect(tone[999]).toBe(tone[999 % period]);
    expect(Math.max(...tone)).toBeCloseTo(0.3, 2);
  });
});
