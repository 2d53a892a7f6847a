// Why the global key works differently from what settings asked for: a code and the values its
// sentence names. Main writes the English message for logs and the tray; the page words the code
// in its own language (hotkey.note.<code> in the catalogs) and never reads the message.

export const HOTKEY_NOTE_CODES = ['wayland', 'unavailable', 'cannotWatch', 'hookFailedMac', 'hookFailed', 'unregistered', 'paused', 'desktopOnly'] as const;

export type HotkeyNoteCode = (typeof HOTKEY_NOTE_CODES)[number];

export interface HotkeyNote {
  code: HotkeyNoteCode;
  /** binding: the accelerator (cannotWatch, unregistered); reason: why the keyboard hook did not load (unavailable). */
  params?: { binding?: string; reason?: string };
  /** The English sentence, for logs; the page words the code instead. */
  message: string;
}

const ENGLISH: Record<HotkeyNoteCode, (p: { binding: string; reason: string }) => string> = {
  wayland: () => 'Hold-to-talk needs X11; on Wayland the hotkey toggles instead — press once to talk, again to stop.',
  unavailable: ({ reason }) => `Hold-to-talk is not available here (${reason}); the hotkey toggles instead.`,
  cannotWatch: ({ binding }) =>
    `Hold-to-talk cannot watch ${binding}; the hotkey toggles instead — or choose a binding whose key is a letter, digit, F-key or Space.`,
  hookFailedMac: () => 'Hold-to-talk could not start — allow Earshot under Privacy & Security → Accessibility; the hotkey toggles instead.',
  hookFailed: () => 'Hold-to-talk could not start; the hotkey toggles instead.',
  unregistered: ({ binding }) => `${binding} could not be registered (another app may use it, or it is not a valid shortcut) — choose another hotkey in Settings.`,
  paused: () => 'The hotkey is paused — resume it from the tray menu.',
  desktopOnly: () => 'The global hotkey works only in the desktop app — here, hold the Talk button or the Space bar.',
};

/** A note with its English message written from the same values the page is given. */
export function hotkeyNote(code: HotkeyNoteCode, params?: { binding?: string; reason?: string }): HotkeyNote {
  const message = ENGLISH[code]({ binding: params?.binding ?? '', reason: params?.reason ?? '' });
  return params ? { code, params, message } : { code, message };
}
