// The first-run checklist from what main reports and the page's own microphone permission: one
// item per thing Earshot needs, ready or not, with what to offer when it is not. Pure.
import type { ErrorInfo } from '../../../shared/errors';
import type { SetupStatus } from '../../../shared/records';
import type { MicPermission } from '../store/setup-slice';

export type SetupItem =
  | { id: 'microphone'; ok: boolean; permission: MicPermission }
  | { id: 'ollama'; ok: boolean; host: string; version: string | null; error: ErrorInfo | null; message: string | null; loopback: boolean }
  | { id: 'chat'; ok: boolean; name: string; canPull: boolean }
  | { id: 'stt'; ok: boolean; model: string }
  | { id: 'voice'; ok: boolean; model: string; language: 'en' | 'pt' };

export function setupItems(status: SetupStatus, microphone: MicPermission): SetupItem[] {
  const items: SetupItem[] = [
    { id: 'microphone', ok: microphone === 'granted', permission: microphone },
    {
      id: 'ollama',
      ok: status.ollama.reachable,
      host: status.ollama.host,
      version: status.ollama.version,
      error: status.ollama.error,
      message: status.ollama.error?.message ?? null,
      loopback: status.ollama.loopback,
    },
    // A model can only be pulled from an Ollama that answers.
    { id: 'chat', ok: status.chatModel.installed, name: status.chatModel.name, canPull: status.ollama.reachable },
    { id: 'stt', ok: status.stt.installed, model: status.stt.id },
  ];
  for (const language of ['en', 'pt'] as const) {
    const voice = status.voices[language];
    items.push({ id: 'voice', ok: voice.installed, model: voice.id, language });
  }
  return items;
}

/** Whether the checklist still has something to show: anything not ready, except a microphone that will simply be asked for. */
export function needsSetup(items: readonly SetupItem[]): boolean {
  return items.some((item) => !item.ok && !(item.id === 'microphone' && item.permission !== 'denied'));
}
