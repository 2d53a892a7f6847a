// What the settings panel says about the global push-to-talk key: the mode in effect when it
// works; when it does not, why (main's note), or that only the desktop app has one. Pure.
import type { AppInfo, HotkeyStatus } from '../../../shared/contract';
import type { HotkeyNote } from '../../../shared/hotkey-note';
import type { MessageKey } from '../i18n/messages-en';

export type HotkeyHint =
  | { kind: 'none' }
  | { kind: 'active'; mode: HotkeyStatus['mode']; note: HotkeyNote | null }
  | { kind: 'note'; note: HotkeyNote }
  | { kind: 'message'; key: MessageKey };

export function hotkeyHint(hotkey: HotkeyStatus | null, host: AppInfo['host'] | null): HotkeyHint {
  if (hotkey?.available) return { kind: 'active', mode: hotkey.mode, note: hotkey.note };
  if (host === 'browser') return { kind: 'message', key: 'settings.hotkeyUnavailable' };
  if (hotkey === null) return { kind: 'none' };
  if (hotkey.note) return { kind: 'note', note: hotkey.note };
  return { kind: 'message', key: 'settings.hotkeyNotRegistered' };
}
