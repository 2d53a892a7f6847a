// The default benchmark mode: the real Assistant, real SQLite stores in a temporary data folder, the
// real OllamaLanguageModel and embedder over real HTTP to the fake Ollama, scripted STT and energy
// VAD (test/support) and ProfileTts, all timed by the laptop profile.
import { Assistant } from '../src/main/core/turn/assistant';
import { systemClock } from '../src/main/core/platform/clock';
import { OllamaLanguageModel } from '../src/main/core/engines/llm/ollama-llm';
import { silentLogger } from '../src/main/core/platform/logger';
import { llmFactExtractor } from '../src/main/core/memory/fact-extractor';
import { PromptSession } from '../src/main/core/prompt/prompt-session';
import { OllamaEmbedder } from '../src/main/core/store/ollama-embedder';
import { openStores } from '../src/main/core/runtime/open-stores';
import { DEFAULT_SETTINGS, type Settings } from '../src/shared/settings';
import { type FakeGeneration, type RecordedRequest, splitIntoTokens, startFakeOllama } from '../test/support/fake-ollama';
import { burstAudio, EnergyVad, ScriptedStt } from '../test/support/scripted-engines';
import type { BenchSetup } from './bench-setup';
import { questionIn, replyFor } from './conversation-set';
import { describeProfile, type LaptopProfile, msPerStreamedWord, utteranceSeconds } from './laptop-profile';
import { boundaryToken, busyAfter, type FloorParts } from './latency-floor';
import { ProfileTts } from './profile-tts';
import { TimedStt, TimedTts } from './timed-engines';
import { ScriptedSpeaker } from './scripted-speaker';
import type { VoiceTurnSample } from './voice-turn';

function lastUserMessage(request: FakeGeneration): string {
  return [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
}

export function chatAsking(requests: readonly RecordedRequest[], question: string, after: number): RecordedRequest | null {
  const matches = requests.filter((r) => {
    const messages = (r.body as { messages?: Array<{ role: string; content: string }> } | undefined)?.messages ?? [];
    return r.path === '/api/chat' && r.receivedAt >= after && questionIn(messages.at(-1)?.content ?? '') === question;
  });
  return matches.at(-1) ?? null;
}

export async function scriptedSetup(profile: LaptopProfile, dataDir: string): Promise<BenchSetup> {
  const ollama = await startFakeOllama({
    // Questions from the set get their reply; anything else (memory extraction) finds no facts.
    reply: (request) => replyFor(lastUserMessage(request)) ?? '- none',
    firstTokenDelayMs: profile.llm.firstTokenMs,
    perTokenDelayMs: msPerStreamedWord(profile),
    models: ['llama3.2:3b', 'nomic-embed-text:latest'],
  });
  const settings: Settings = { ...DEFAULT_SETTINGS, llm: { ...DEFAULT_SETTINGS.llm, host: ollama.url } };
  const wholeSamples = Math.round(utteranceSeconds(profile.utterance) * 16_000);
  const speaker = new ScriptedSpeaker(wholeSamples);
  const stt = new TimedStt(new ScriptedStt({ texts: (audio) => speaker.heard(audio), msPerAudioSecond: profile.stt.msPerAudioSecond }));
  const profileTts = new ProfileTts(profile.tts);
  const tts = new TimedTts(profileTts);
  const vad = new EnergyVad(0.05, Math.round(profile.vadMinSilenceSeconds * 16_000));
  const llm = new OllamaLanguageModel({ host: ollama.url });
  const stores = openStores({
    dataDir,
    clock: systemClock,
    logger: silentLogger,
    settings: () => settings,
    embedder: new OllamaEmbedder({ host: ollama.url, clock: systemClock, logger: silentLogger }),
    extract: llmFactExtractor(() => llm, () => settings),
  });
  if (stores.notices.length > 0) throw new Error(stores.notices.map((n) => n.message).join(' '));
  const assistant = new Assistant({
    engines: { stt: () => stt, vad: () => vad, llm: () => llm, tts: () => tts },
    stores,
    settings: () => settings,
    buildPrompt: new PromptSession(),
    clock: systemClock,
    historyTurns: 200,
  });
  const audio = burstAudio(profile.utterance.parts);
  let asked = '';

  const floor = (sample: VoiceTurnSample): FloorParts => {
    const end = sample.firstAudio ?? Number.POSITIVE_INFINITY;
    const piece = sample.firstPiece;
    const chat = chatAsking(ollama.requests, sample.result.transcript, sample.keyUp);
    const reply = replyFor(sample.result.transcript);
    const synthesis = tts.spans.find((s) => s.text === piece && s.start >= sample.keyUp && s.firstChunk !== null);
    if (!piece || !chat || reply === null || !synthesis || synthesis.firstChunk === null) {
      throw new Error(`No engine timings for the turn "${sample.result.transcript}" (was it answered from a cache?).`);
    }
    const k = boundaryToken(splitIntoTokens(reply), piece);
    const sentAt = chat.tokensSentAt[k];
    if (sentAt === undefined) throw new Error(`The first piece "${piece}" is not how the reply "${reply}" begins.`);
    const sttSpans = stt.spans.filter((s) => s.start < end);
    return { sttMs: busyAfter(sttSpans, sample.keyUp), llmMs: sentAt - chat.receivedAt, ttsMs: synthesis.firstChunk - synthesis.start };
  };

  return {
    mode: 'scripted',
    profile: describeProfile(profile),
    assistant,
    baseline: {
      stt: new ScriptedStt({ texts: () => asked, msPerAudioSecond: profile.stt.msPerAudioSecond }),
      llm,
      tts: profileTts,
      memory: stores.memory,
      buildPrompt: new PromptSession(),
      settings: () => settings,
    },
    utterance: async () => audio,
    expect: (question) => {
      asked = question;
      speaker.expect(question);
    },
    push: { chunkSamples: (profile.utterance.chunkMs / 1000) * 16_000, intervalMs: profile.utterance.chunkMs / profile.utterance.pushSpeed },
    fastPush: { chunkSamples: (profile.utterance.chunkMs / 1000) * 16_000, intervalMs: 5 },
    floor,
    clearCaches: () => stores.clearCache(),
    close: async () => {
      await assistant.dispose();
      stores.close();
      await ollama.close();
    },
  };
}
