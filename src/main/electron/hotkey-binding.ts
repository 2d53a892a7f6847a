// Hotkey bindings: an Electron accelerator string ("CommandOrControl+Shift+Space") parsed into a
// key and modifiers, and matched against uiohook's raw key events for hold-to-talk. Pure: the key
// code table (uiohook-napi's UiohookKey) is passed in.

export interface Modifiers {
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
  meta: boolean;
}

export interface HotkeyCombo {
  /** uiohook key code of the non-modifier key. */
  keycode: number;
  modifiers: Modifiers;
}

export interface RawKeyEvent {
  keycode: number;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

const KEY_ALIASES: Record<string, string> = {
  space: 'Space',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Delete',
  insert: 'Insert',
  return: 'Enter',
  enter: 'Enter',
  up: 'ArrowUp',
  down: 'ArrowDown',
  left: 'ArrowLeft',
  right: 'ArrowRight',
  home: 'Home',
  end: 'End',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  escape: 'Escape',
  esc: 'Escape',
  capslock: 'CapsLock',
  numlock: 'NumLock',
  scrolllock: 'ScrollLock',
  printscreen: 'PrintScreen',
  ',': 'Comma',
  '-': 'Minus',
  '.': 'Period',
  '/': 'Slash',
  ';': 'Semicolon',
  '=': 'Equal',
  '[': 'BracketLeft',
  ']': 'BracketRight',
  '\\': 'Backslash',
  '`': 'Backquote',
  "'": 'Quote',
  numadd: 'NumpadAdd',
  numsub: 'NumpadSubtract',
  nummult: 'NumpadMultiply',
  numdiv: 'NumpadDivide',
  numdec: 'NumpadDecimal',
};

type ModifierName = keyof Modifiers;

function modifierOf(token: string, platform: NodeJS.Platform): ModifierName | null {
  switch (token.toLowerCase()) {
    case 'commandorcontrol':
    case 'cmdorctrl':
      return platform === 'darwin' ? 'meta' : 'ctrl';
    case 'command':
    case 'cmd':
    case 'super':
    case 'meta':
      return 'meta';
    case 'control':
    case 'ctrl':
      return 'ctrl';
    case 'alt':
    case 'option':
    case 'altgr':
      return 'alt';
    case 'shift':
      return 'shift';
    default:
      return null;
  }
}

/** uiohook's name for an accelerator key token, or null when it has none. */
export function hookKeyName(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (/^f([1-9]|1[0-9]|2[0-4])$/i.test(token)) return token.toUpperCase();
  if (/^num[0-9]$/i.test(token)) return `Numpad${token.slice(3)}`;
  return KEY_ALIASES[token.toLowerCase()] ?? null;
}

/**
 * The key and modifiers of an accelerator, or null when uiohook cannot watch it (unknown key,
 * no key, two keys). Toggle mode through globalShortcut may still accept it.
 */
export function parseBinding(binding: string, keyCodes: Readonly<Record<string, number>>, platform: NodeJS.Platform): HotkeyCombo | null {
  const tokens = binding.split('+').map((t) => t.trim());
  const modifiers: Modifiers = { ctrl: false, alt: false, shift: false, meta: false };
  let keycode: number | null = null;
  for (const token of tokens) {
    if (token === '') return null;
    const modifier = modifierOf(token, platform);
    if (modifier) {
      modifiers[modifier] = true;
      continue;
    }
    if (keycode !== null) return null;
    const name = hookKeyName(token);
    const code = name === null ? undefined : keyCodes[name];
    if (code === undefined) return null;
    keycode = code;
  }
  return keycode === null ? null : { keycode, modifiers };
}

/** A key-down that starts hold-to-talk: the key with exactly the binding's modifiers. */
export function isBindingDown(combo: HotkeyCombo, event: RawKeyEvent): boolean {
  const m = combo.modifiers;
  return event.keycode === combo.keycode && event.ctrlKey === m.ctrl && event.altKey === m.alt && event.shiftKey === m.shift && event.metaKey === m.meta;
}

/** A key-up that ends hold-to-talk: the key itself, whatever modifiers were let go first. */
export function isBindingUp(combo: HotkeyCombo, event: RawKeyEvent): boolean {
  return event.keycode === combo.keycode;
}
