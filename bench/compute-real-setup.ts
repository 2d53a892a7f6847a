// `npm run bench -- --compute real`: the engines compute for real. The real WhisperSpeechToText on
// onnxruntime-node (on its worker thread, as in the app) runs a whisper-base-sized int8 stand-in, the real SherpaTextToSpeech runs a
// stand-in the size and cost of a Piper low voice (test/support), and the LLM is the fake Ollama in
// its CPU mode: prefill per uncached prompt token, decode per token, one KV slot per model, requests
// queued (test/support/fake-ollama-cpu-model.ts). The sequential baseline gets its own fake Ollama,
// so its requests never evict Earshot's prefix, with the same CPU model. The conversation
// (compute-conversation.ts) starts with yesterday's history on disk and a cold slot, tells Earshot
// about the user, pauses for the fact extraction, and grows until the history is cut back.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { WorkerWhisperSpeechToText } from '../src/main/core/engines/stt/whisper-worker-stt';
import { SherpaTextToSpeech } from '../src/main/core/engines/tts/sherpa-tts';
import { OllamaLanguageModel } from '../src/main/core/engines/llm/ollama-llm';
import { llmFactExtractor } from '../src/main/core/memory/fact-extractor';
import { reportingEviction } from '../src/main/core/runtime/background-extraction';
import { systemClock } from '../src/main/core/platform/clock';
import { silentLogger } from '../src/main/core/platform/logger';
import { PromptSession } from '../src/main/core/prompt/prompt-session';
import { openStores } from '../src/main/core/runtime/open-stores';
import { OllamaEmbedder } from '../src/main/core/store/ollama-embedder';
import { Assistant } from '../src/main/core/turn/assistant';
import { applyPreset, DEFAULT_SETTINGS, type PresetName, type Settings } from '../src/shared/settings';
import { type FakeOllama, LAPTOP_CPU_MODEL, type RecordedRequest, splitIntoTokens, startFakeOllama } from '../test/support/fake-ollama';
import { writePiperLowStandIn } from '../test/support/piper-low-stand-in';
import { burstAudio, EnergyVad } from '../test/support/scripted-engines';
import { writeWhisperBaseStandIn } from '../test/support/whisper-base-stand-in';
import { BASE, SMALL, TINY, type WhisperDims } from '../test/support/whisper-base-stand-in-graphs';
import type { BenchSetup, TurnDetails } from './bench-setup';
import { computeReplyFor, EXTRACTION_INSTRUCTIONS, firstHistoryMessage, plannedTurn, SEEDED_HISTORY } from './compute-conversation';
import { LAPTOP_PROFILE, utteranceSeconds } from './laptop-profile';
import { boundaryToken, busyAfter, type FloorParts } from './latency-floor';
import { chatAsking } from './scripted-setup';
import { ScriptedSpeaker } from './scripted-speaker';
import { ScriptedTranscript, WhisperTimingLog } from './scripted-transcript';
import { TimedTts } from './timed-engines';
import type { VoiceTurnSample } from './voice-turn';

/** The stand-ins are ~160 MB and take ~20 s to write: kept between runs, rebuilt when the version changes. */
const STAND_INS_DIR = join(tmpdir(), 'earshot-bench-stand-ins-3');
const VOICE = 'piper-en_US-amy-low';
/**
 * The quiet spell after the turns about the user. The app extracts facts once it has been quiet for
 * 60 s (the memory service's default, kept here, so no pause between two turns of the benchmark can
 * set it off); the benchmark stands in for that minute by expiring the idle clock at once. The user
 * then comes back after what a quiet spell starts has run: the extraction, and the prefix re-warm
 * that follows it after the Assistant's 2 s quiet moment.
 */
const REWARM_QUIET_MS = 2_000;

type Messages = { role: string; content: string }[];
const messagesOf = (r: RecordedRequest): Messages => (r.body as { messages?: Messages } | undefined)?.messages ?? [];
const isExtraction = (r: RecordedRequest) => messagesOf(r)[0]?.content === EXTRACTION_INSTRUCTIONS;

/** The stand-in dimensions for each Whisper size the presets use. */
const WHISPER_DIMS: Record<string, WhisperDims> = { 'whisper-tiny': TINY, 'whisper-base': BASE, 'whisper-small': SMALL };

async function prepareStandIns(whisperModel: string, progress: (line: string) => void): Promise<{ whisperDir: string; modelsDir: string; script: string; scriptTokens: number }> {
  const dims = WHISPER_DIMS[whisperModel];
  if (!dims) throw new Error(`No stand-in of real size for ${whisperModel}.`);
  const whisperDir = join(STAND_INS_DIR, whisperModel);
  const voiceDir = join(STAND_INS_DIR, VOICE);
  if (!existsSync(join(whisperDir, 'stand-in.json')) || !existsSync(join(voiceDir, 'tokens.txt'))) progress(`writing the real-size stand-in models to ${STAND_INS_DIR} (once)…`);
  await mkdir(STAND_INS_DIR, { recursive: true });
  const whisperStandIn = await writeWhisperBaseStandIn(whisperDir, undefined, dims);
  if (!existsSync(join(voiceDir, 'tokens.txt'))) await writePiperLowStandIn(voiceDir, 'en');
  return { whisperDir, modelsDir: STAND_INS_DIR, script: whisperStandIn.text, scriptTokens: whisperStandIn.textTokens };
}

function cpuFake(): Promise<FakeOllama> {
  return startFakeOllama({
    reply: (request) => computeReplyFor(request.messages.length > 0 ? request.messages : [{ role: 'user', content: request.prompt }]),
    cpu: LAPTOP_CPU_MODEL,
    models: ['llama3.2:3b', 'nomic-embed-text:latest'],
  });
}

export async function computeRealSetup(dataDir: string, progress: (line: string) => void = () => {}, preset: PresetName = 'balanced'): Promise<BenchSetup> {
  const presetSettings = applyPreset(DEFAULT_SETTINGS, preset);
  const { whisperDir, modelsDir, script, scriptTokens } = await prepareStandIns(presetSettings.stt.model, progress);
  const dims = WHISPER_DIMS[presetSettings.stt.model]!;
  const [ollama, baselineOllama] = await Promise.all([cpuFake(), cpuFake()]);
  const settings: Settings = { ...presetSettings, llm: { ...presetSettings.llm, host: ollama.url }, tts: { ...presetSettings.tts, voiceEn: VOICE, voicePt: VOICE } };
  const baselineSettings: Settings = { ...settings, llm: { ...settings.llm, host: baselineOllama.url } };

  const log = new WhisperTimingLog();
  // On its worker thread, as the app runs it: the main thread only hears back when a run is done.
  const whisper = new WorkerWhisperSpeechToText({ modelDir: whisperDir, modelId: settings.stt.model, quantized: settings.stt.quantized, logger: log });
  const wholeSamples = Math.round(utteranceSeconds(LAPTOP_PROFILE.utterance) * 16_000);
  const speaker = new ScriptedSpeaker(wholeSamples);
  let asked = '';
  // The script is the whole utterance's worth of tokens; a phrase of it gets its share, plus the
  // step that ends it, as a real decoder would spend on it.
  const stepsFor = (clip: Float32Array) => Math.min(scriptTokens, Math.ceil((scriptTokens * clip.length) / wholeSamples)) + 1;
  const stt = new ScriptedTranscript(whisper, log, (audio) => speaker.heard(audio), script, stepsFor);
  const sherpa = new SherpaTextToSpeech({ modelsDir, voices: { en: VOICE, pt: VOICE } });
  const tts = new TimedTts(sherpa);
  const vad = new EnergyVad(0.05, Math.round(LAPTOP_PROFILE.vadMinSilenceSeconds * 16_000));
  const llm = new OllamaLanguageModel({ host: ollama.url });
  const stores = openStores({
    dataDir,
    clock: systemClock,
    logger: silentLogger,
    settings: () => settings,
    embedder: new OllamaEmbedder({ host: ollama.url, clock: systemClock, logger: silentLogger }),
    // As openRuntime wires it: the Assistant hears that the extraction evicted its prefix.
    extract: reportingEviction(llmFactExtractor(() => llm, () => settings), () => assistant.chatModelUsedInBackground()),
  });
  if (stores.notices.length > 0) throw new Error(stores.notices.map((n) => n.message).join(' '));
  // Yesterday's conversation, on disk before the first turn (the slot knows nothing of it).
  const yesterday = Date.now() - 86_400_000;
  SEEDED_HISTORY.forEach((e, i) => stores.history?.append({ id: `seeded-${i}`, at: yesterday + i * 60_000, transcript: e.question, reply: e.reply, language: 'en', complete: true }));

  const assistant = new Assistant({
    engines: { stt: () => stt, vad: () => vad, llm: () => llm, tts: () => tts },
    stores,
    settings: () => settings,
    buildPrompt: new PromptSession(),
    clock: systemClock,
    historyTurns: 200, // as openRuntime wires it
  });
  assistant.warmAtLaunch(); // as openRuntime does: the first turn after launch finds the prefix prefilled, or under way
  const repeater = new Assistant({
    engines: { stt: () => stt, vad: () => vad, llm: () => llm, tts: () => tts },
    // Memories too: the response cache serves an answer only where the same memories apply.
    stores: { ttsCache: stores.ttsCache, responseCache: stores.responseCache, memory: stores.memory },
    settings: () => settings,
    buildPrompt: new PromptSession(),
    clock: systemClock,
  });
  const audio = burstAudio(LAPTOP_PROFILE.utterance.parts);
  let previousFirstHistory: string | null | undefined;
  let previousChatAt = Number.NEGATIVE_INFINITY;

  const chatFor = (sample: VoiceTurnSample) => chatAsking(ollama.requests, sample.result.transcript, sample.keyDown);

  const floor = (sample: VoiceTurnSample): FloorParts => {
    const end = sample.firstAudio ?? Number.POSITIVE_INFINITY;
    const piece = sample.firstPiece;
    const chat = chatFor(sample);
    const reply = chat ? computeReplyFor(messagesOf(chat)) : null;
    const synthesis = tts.spans.find((s) => s.text === piece && s.start >= sample.keyUp && s.firstChunk !== null);
    if (!piece || !chat || reply === null || !synthesis || synthesis.firstChunk === null) {
      throw new Error(`No engine timings for the turn "${sample.result.transcript}" (was it answered from a cache?).`);
    }
    const sentAt = chat.tokensSentAt[boundaryToken(splitIntoTokens(reply), piece)];
    if (sentAt === undefined) throw new Error(`The first piece "${piece}" is not how the reply "${reply}" begins.`);
    // The LLM's part starts at key-up at the earliest: a request sent before (none today) would be hidden.
    return { sttMs: busyAfter(stt.calls.filter((s) => s.start < end), sample.keyUp), llmMs: sentAt - Math.max(chat.receivedAt, sample.keyUp), ttsMs: synthesis.firstChunk - synthesis.start };
  };

  const details = (sample: VoiceTurnSample, turnCase: string): TurnDetails => {
    const chat = chatFor(sample);
    const end = sample.firstAudio ?? Number.POSITIVE_INFINITY;
    const calls = stt.calls.filter((c) => c.start >= sample.keyDown && c.start < end);
    const first = chat ? firstHistoryMessage(messagesOf(chat)) : null;
    const cutBack = previousFirstHistory !== undefined && first !== previousFirstHistory;
    previousFirstHistory = first;
    // What happened since the previous reply, as the fake saw it: a fact extraction on the chat model.
    const at = chat?.receivedAt ?? sample.keyUp;
    const extracted = ollama.requests.some((r) => isExtraction(r) && r.receivedAt > previousChatAt && r.receivedAt < at);
    previousChatAt = at;
    const tags = [...(turnCase === 'plain' ? [] : [turnCase]), ...(extracted ? ['after-extraction'] : []), ...(cutBack ? ['after-cut-back'] : [])];
    return {
      case: tags.length > 0 ? tags.join(', ') : 'plain',
      prefillTokens: chat?.cpu?.evaluated ?? null,
      promptTokens: chat?.cpu?.promptTokens ?? null,
      prefillMs: chat?.cpu?.prefillMs ?? null,
      slotWaitMs: chat?.cpu ? chat.cpu.slotAt - chat.receivedAt : null,
      sttEncoderMs: calls.flatMap((c) => (c.encoderMs === null ? [] : [c.encoderMs])),
      sttDecoderMs: calls.flatMap((c) => (c.decoderMs === null ? [] : [c.decoderMs])),
      cutBack,
    };
  };

  return {
    mode: 'compute-real',
    profile: {
      name: 'compute-real',
      stt: `preset ${preset}: the real WhisperSpeechToText (onnxruntime-node on its worker thread, beam ${settings.stt.beamSize}) on a ${settings.stt.model}-sized int8 stand-in (d_model ${dims.dModel}, ${dims.layers}+${dims.layers} layers, ${dims.heads} heads, 51865 logits) that decodes a ${scriptTokens}-token sentence for the whole utterance and its share of it for a phrase (plus the end-of-text step); the text is then swapped for the question asked`,
      vad: `energy VAD (test/support), a pause ≥ ${LAPTOP_PROFILE.vadMinSilenceSeconds} s closes a segment`,
      llm: `fake Ollama over HTTP, CPU model: prefill ${LAPTOP_CPU_MODEL.prefillMsPerToken} ms per uncached prompt token, decode ${LAPTOP_CPU_MODEL.decodeMsPerToken} ms per token, one KV slot per model, requests queued; the baseline has its own`,
      tts: 'the real SherpaTextToSpeech on a stand-in the size of a Piper low voice (63 MB) with a HiFi-GAN generator of its shape (16 kHz, upsampling 8·8·4 from 256 channels)',
      utterance: `${utteranceSeconds(LAPTOP_PROFILE.utterance).toFixed(1)} s (1.4 s speech, 0.5 s pause, 1.1 s speech), 100 ms chunks pushed in real time`,
      conversation: `${SEEDED_HISTORY.length} turns of history on disk at start; turn 1 after launch (cold slot); turns 2-3 about the user, then a quiet spell (the 60 s idle clock expired at once: fact extraction on the chat model, then the prefix re-warm); the history is cut back where it outgrows its cap (llm.historyTokens)`,
      voice_to_voice: 'key-up → first audio chunk emitted by the core (no renderer: playback start is reported at once)',
    },
    assistant,
    baseline: {
      stt: new ScriptedTranscript(whisper, log, () => asked, script, stepsFor),
      llm: new OllamaLanguageModel({ host: baselineOllama.url }),
      tts: sherpa,
      memory: stores.memory,
      buildPrompt: new PromptSession(),
      settings: () => baselineSettings,
      // The history Earshot's prompt had for this question (not the turn Earshot just added for it).
      history: () => (stores.history?.recent(200) ?? []).filter((t) => t.transcript !== asked),
    },
    utterance: async () => audio,
    expect: (question) => {
      asked = question;
      speaker.expect(question);
    },
    push: { chunkSamples: 1600, intervalMs: 100 },
    fastPush: { chunkSamples: 1600, intervalMs: 5 },
    floor,
    clearCaches: () => stores.clearCache(),
    plan: (turn) => plannedTurn(turn),
    cacheHitAsText: true,
    cacheHitAssistant: repeater,
    baselineFirstSentenceOnly: true,
    // What the app does at launch: Whisper loaded and warmed by its own passes (with the preset's
    // beam count), the voice loaded and run; the LLM slot stays cold.
    warmUp: async () => {
      await Promise.all([whisper.warm(settings.stt.beamSize), sherpa.warm('en')]);
      await sherpa.synthesize('Olá. Como posso ajudar?', { language: 'en', speed: 1 });
    },
    quietSpell: async () => {
      await stores.memory?.flush(); // what the idle clock does when its minute is up
      if (!ollama.requests.some(isExtraction)) progress('note: no fact extraction ran in the quiet spell');
      await sleep(REWARM_QUIET_MS + 200);
      const deadline = performance.now() + 60_000;
      while (performance.now() < deadline && ollama.requests.some((r) => r.finishedAt === null && r.abortedAt === null)) await sleep(50);
    },
    details: (sample, planned) => details(sample, planned.case),
    close: async () => {
      await Promise.all([assistant.dispose(), repeater.dispose()]);
      stores.close();
      await Promise.all([ollama.close(), baselineOllama.close(), whisper.dispose(), sherpa.dispose()]);
    },
  };
}
