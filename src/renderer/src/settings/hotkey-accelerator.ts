// The global talk key as Electron accelerators spell it, from the keys a person presses, and why a
// combination would not work well: no modifier (it would also type into every other app), or one
// the system or most apps already use. Pure.

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export type HotkeyConflict = 'noModifier' | 'reserved' | 'modifierOnly';

const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Alt', 'Shift', 'AltGraph', 'OS']);

/** Shortcuts the system or nearly every app takes first (copy, paste, switch window, lock…). */
const RESERVED = new Set([
  'CommandOrControl+C',
  'CommandOrControl+V',
  'CommandOrControl+X',
  'CommandOrControl+Z',
  'CommandOrControl+A',
  'CommandOrControl+S',
  'CommandOrControl+Q',
  'CommandOrControl+W',
  'CommandOrControl+Tab',
  'Alt+Tab',
  'Alt+F4',
  'Super+L',
  'CommandOrControl+Space',
]);

/** The accelerator's key name for a KeyboardEvent.code ("KeyK" → "K", "Digit5" → "5"). */
function keyName(press: KeyPress): string | null {
  const { code } = press;
  if (/^Key[A-Z]$/.test(code)) return code.slice(3);
  if (/^Digit\d$/.test(code)) return code.slice(5);
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  const named: Record<string, string> = {
    Space: 'Space',
    Enter: 'Enter',
    Tab: 'Tab',
    Backquote: '`',
    Minus: '-',
    Equal: '=',
    BracketLeft: '[',
    BracketRight: ']',
    Backslash: '\\',
    Semicolon: ';',
    Quote: "'",
    Comma: ',',
    Period: '.',
    Slash: '/',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Insert: 'Insert',
    Delete: 'Delete',
    Home: 'Home',
    End: 'End',
    PageUp: 'PageUp',
    PageDown: 'PageDown',
    Pause: 'Pause',
    ScrollLock: 'Scrolllock',
  };
  return named[code] ?? null;
}

/** The accelerator for a key press, or null while only modifiers are held (or the key is unknown). */
export function acceleratorFor(press: KeyPress, platform: string): string | null {
  if (MODIFIER_KEYS.has(press.key)) return null;
  const key = keyName(press);
  if (key === null) return null;
  const parts: string[] = [];
  // Ctrl on Linux and Windows, Cmd on macOS: the same accelerator works on each.
  const primary = platform === 'darwin' ? press.metaKey : press.ctrlKey;
  if (primary) parts.push('CommandOrControl');
  if (platform === 'darwin' && press.ctrlKey) parts.push('Control');
  if (platform !== 'darwin' && press.metaKey) parts.push('Super');
  if (press.altKey) parts.push('Alt');
  if (press.shiftKey) parts.push('Shift');
  return [...parts, key].join('+');
}

/** What is wrong with using this accelerator as the global talk key, or null when nothing is. */
export function hotkeyConflict(accelerator: string): HotkeyConflict | null {
  const parts = accelerator.split('+');
  const modifiers = parts.slice(0, -1);
  if (parts.length === 0 || MODIFIER_KEYS.has(parts.at(-1) ?? '')) return 'modifierOnly';
  const isFunctionKey = /^F\d+$/.test(parts.at(-1) ?? '');
  if (modifiers.length === 0 && !isFunctionKey) return 'noModifier';
  if (RESERVED.has(accelerator)) return 'reserved';
  return null;
}
