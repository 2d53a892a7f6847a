// Work done once at launch, in the background, so the first turn costs what later ones do: the
// response cache's recent answers read into memory with the embedding model woken, Whisper loaded
// and run a few times, and the voice the first reply will most likely use loaded and run once.
import type { Settings } from '../../../shared/settings';
import type { Language } from '../../../shared/turn';
import type { SpeechToText, TextToSpeech } from '../engines/types';
import type { Logger } from '../platform/logger';
import type { HistoryStore, ResponseCache } from '../store/types';

export interface LaunchWarmupDeps {
  settings: () => Settings;
  stt: () => SpeechToText | null;
  tts: () => TextToSpeech | null;
  responseCache: ResponseCache | null;
  history: HistoryStore | null;
  logger: Logger;
  signal: AbortSignal;
}

/** The language of the first reply: the setting, else the language of the last saved turn. Pure. */
export function likelyLanguage(setting: Settings['language'], lastTurnLanguage: Language | undefined): Language {
  return setting !== 'auto' ? setting : (lastTurnLanguage ?? 'en');
}

export async function warmAtLaunch(deps: LaunchWarmupDeps): Promise<void> {
  const { settings, logger, signal } = deps;
  const cache = settings().cache.enabled ? deps.responseCache : null;
  const responses = cache?.warm?.(signal).then(
    (report) => logger.info('response cache warmed', { ...report }),
    (error: unknown) => logger.warn('response cache warm-up failed', { error: String(error) }),
  );
  // A missing model is reported when a person talks (and in the setup check), not here.
  const speech = signal.aborted ? undefined : Promise.resolve().then(() => deps.stt()?.warm(settings().stt.beamSize)).catch((error: unknown) => logger.info('speech-to-text not warmed', { error: String(error) }));
  let voice: Promise<void> | undefined;
  if (settings().tts.enabled && !signal.aborted) {
    let last: Language | undefined;
    try {
      last = deps.history?.recent(1)[0]?.language;
    } catch {
      last = undefined; // the history's own errors are reported where it is read for a turn
    }
    const language = likelyLanguage(settings().language, last);
    voice = deps.tts()?.warm(language).catch((error: unknown) => logger.warn('voice warm-up failed', { language, error: String(error) }));
  }
  await Promise.all([responses, speech, voice]);
}
