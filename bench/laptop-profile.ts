// The laptop profile: how long each engine takes on a mid-range laptop CPU, for the scripted engines
// and the fake Ollama the benchmark drives by default. Figures follow the targets and our references
// (Whisper base int8, llama3.2:3b Q4_K_M, a Piper "low" voice on 4 laptop cores).

export interface UtteranceShape {
  /** Seconds of speech or silence, in order. */
  parts: Array<{ speech: number } | { silence: number }>;
}

export interface LaptopProfile {
  name: string;
  stt: {
    /** Whisper time per second of audio: 250 ms for 3 s. */
    msPerAudioSecond: number;
  };
  llm: {
    firstTokenMs: number;
    perTokenMs: number;
    /** English words are ~1.3 llama tokens; the fake Ollama streams a word at a time. */
    tokensPerWord: number;
  };
  tts: {
    /** Synthesis time / audio duration. */
    realTimeFactor: number;
    /** Audio seconds per character of text (~15 characters a second). */
    secondsPerChar: number;
    sampleRate: number;
  };
  utterance: UtteranceShape & {
    /** Audio arrives in chunks of this many ms, as from the microphone. */
    chunkMs: number;
    /** 1 = real time; 4 = a 3 s utterance is pushed in 0.75 s. */
    pushSpeed: number;
  };
  /** Energy VAD: a pause this long closes a speech segment (Silero's default is close). */
  vadMinSilenceSeconds: number;
}

export const LAPTOP_PROFILE: LaptopProfile = {
  name: 'laptop',
  stt: { msPerAudioSecond: 250 / 3 },
  llm: { firstTokenMs: 300, perTokenMs: 25, tokensPerWord: 1.3 },
  tts: { realTimeFactor: 0.15, secondsPerChar: 0.065, sampleRate: 22_050 },
  // ~3 s: a phrase, a short pause, the rest of the question ("What's the tallest mountain … in Africa?").
  utterance: { parts: [{ speech: 1.4 }, { silence: 0.5 }, { speech: 1.1 }], chunkMs: 100, pushSpeed: 4 },
  vadMinSilenceSeconds: 0.4,
};

/** What the fake Ollama waits between streamed words. */
export function msPerStreamedWord(profile: LaptopProfile): number {
  return profile.llm.perTokenMs * profile.llm.tokensPerWord;
}

export function utteranceSeconds(shape: UtteranceShape): number {
  return shape.parts.reduce((sum, part) => sum + ('speech' in part ? part.speech : part.silence), 0);
}

/** A profile as the JSON report shows it. */
export function describeProfile(profile: LaptopProfile): Record<string, string> {
  const seconds = utteranceSeconds(profile.utterance);
  return {
    name: profile.name,
    stt: `${Math.round(profile.stt.msPerAudioSecond * 3)} ms per 3 s of audio (scripted Whisper), energy VAD, pause ≥ ${profile.vadMinSilenceSeconds} s closes a segment`,
    llm: `fake Ollama over HTTP through OllamaLanguageModel: ${profile.llm.firstTokenMs} ms to first token, ${profile.llm.perTokenMs} ms per token × ${profile.llm.tokensPerWord} tokens per word = ${msPerStreamedWord(profile)} ms per streamed word`,
    tts: `real-time factor ${profile.tts.realTimeFactor}, ${profile.tts.secondsPerChar} s of audio per character, generated off the main thread and handed over a whole sentence at a time (as sherpa-onnx does)`,
    utterance: `${seconds.toFixed(1)} s (${profile.utterance.parts.map((p) => ('speech' in p ? `${p.speech} s speech` : `${p.silence} s pause`)).join(', ')}), ${profile.utterance.chunkMs} ms chunks pushed at ${profile.utterance.pushSpeed}× real time`,
    replies: 'three sentences, 30-40 words, in the style the system prompt asks for',
    voice_to_voice: 'key-up → first audio chunk emitted by the core (no renderer: playback start is reported at once)',
  };
}
