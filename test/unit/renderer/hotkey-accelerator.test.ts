import { describe, expect, it } from 'vitest';
import { acceleratorFor, hotkeyConflict, type KeyPress } from '../../../src/renderer/src/settings/hotkey-accelerator';

const press = (code: string, mods: Partial<KeyPress> = {}, key = code): KeyPress => ({ key, code, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('recording the global talk key', () => {
  it('spells the pressed keys as an accelerator that works on every system', () => {
    expect(acceleratorFor(press('Space', { ctrlKey: true, shiftKey: true }, ' '), 'linux')).toBe('CommandOrControl+Shift+Space');
    expect(acceleratorFor(press('Space', { metaKey: true, shiftKey: true }, ' '), 'darwin')).toBe('CommandOrControl+Shift+Space');
    expect(acceleratorFor(press('KeyK', { altKey: true }, 'k'), 'win32')).toBe('Alt+K');
    expect(acceleratorFor(press('F9'), 'linux')).toBe('F9');
  });

  it('waits while only modifiers are held', () => {
    expect(acceleratorFor(press('ShiftLeft', { shiftKey: true }, 'Shift'), 'linux')).toBeNull();
  });

  it('explains a key that would type into other apps, or that the system already uses', () => {
    expect(hotkeyConflict('K')).toBe('noModifier');
    expect(hotkeyConflict('CommandOrControl+C')).toBe('reserved');
    expect(hotkeyConflict('F9')).toBeNull();
    expect(hotkeyConflict('CommandOrControl+Shift+Space')).toBeNull();
  });
});
