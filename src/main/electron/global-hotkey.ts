// The global push-to-talk key. Hold mode watches real key-down/key-up through a keyboard hook
// (uiohook-napi); toggle mode registers an accelerator through Electron's globalShortcut, which
// only reports presses. Toggle is the fallback whenever the hook cannot run: Wayland (no global
// key-up for X11 hooks), a binding the hook cannot watch, or a hook that fails to start. Both
// the hook and the shortcut registry are passed in, so this runs against fakes in tests.
import type { HotkeyStatus } from '../../shared/contract';
import { hotkeyNote, type HotkeyNote } from '../../shared/hotkey-note';
import type { Settings } from '../../shared/settings';
import type { Logger } from '../core/platform/logger';
import { isBindingDown, isBindingUp, parseBinding, type HotkeyCombo, type RawKeyEvent } from './hotkey-binding';
import type { PushToTalkEvent } from './push-to-talk';

export interface KeyHook {
  start(): void;
  stop(): void;
  on(event: 'keydown' | 'keyup', listener: (event: RawKeyEvent) => void): unknown;
  off(event: 'keydown' | 'keyup', listener: (event: RawKeyEvent) => void): unknown;
}

export interface LoadedHook {
  hook: KeyHook;
  keyCodes: Readonly<Record<string, number>>;
}

export interface ShortcutRegistry {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface GlobalHotkeyDeps {
  shortcuts: ShortcutRegistry;
  /** Loads the native keyboard hook; throws when it cannot be loaded. Called at most once. */
  loadHook: () => LoadedHook;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  onEvent: (event: PushToTalkEvent) => void;
  logger: Logger;
}

export type HotkeyConfig = Settings['hotkey'];

export function isWayland(env: NodeJS.ProcessEnv): boolean {
  return env.XDG_SESSION_TYPE === 'wayland' || (!env.XDG_SESSION_TYPE && Boolean(env.WAYLAND_DISPLAY));
}


export class GlobalHotkey {
  private loaded: LoadedHook | null | undefined;
  private loadError = '';
  private hookRunning = false;
  private registered: string | null = null;
  private combo: HotkeyCombo | null = null;
  private current: HotkeyStatus;

  /** The bound key is held down (hold mode), as far as the hook has told us. */
  private held = false;

  private readonly onKeyDown = (event: RawKeyEvent) => {
    if (!this.combo || !isBindingDown(this.combo, event)) return;
    this.held = true;
    this.deps.onEvent({ type: 'keyDown' });
  };

  private readonly onKeyUp = (event: RawKeyEvent) => {
    if (!this.combo || !isBindingUp(this.combo, event)) return;
    this.held = false;
    this.deps.onEvent({ type: 'keyUp' });
  };

  constructor(private readonly deps: GlobalHotkeyDeps) {
    this.current = { available: false, binding: '', requestedMode: 'hold', mode: 'toggle', paused: false, note: null };
  }

  status(): HotkeyStatus {
    return this.current;
  }

  /** Whether hold-to-talk can run here (the hook loads and the session is not Wayland). */
  holdToTalkPossible(): boolean {
    return !(this.deps.platform === 'linux' && isWayland(this.deps.env)) && this.hook() !== null;
  }

  /** Re-registers the key for these settings; returns what is in effect. */
  apply(config: HotkeyConfig): HotkeyStatus {
    // Re-bound while the key is held: its key-up will never be heard, so the hold ends now.
    if (this.held) {
      this.held = false;
      this.deps.onEvent({ type: 'keyUp' });
    }
    this.teardown();
    const base = { binding: config.binding, requestedMode: config.mode, paused: config.paused };
    if (config.paused) {
      this.current = { ...base, available: true, mode: config.mode, note: hotkeyNote('paused') };
      return this.current;
    }
    let note: HotkeyNote | null = null;
    if (config.mode === 'hold') {
      const started = this.startHold(config.binding);
      if (started === null) {
        this.current = { ...base, available: true, mode: 'hold', note: null };
        return this.current;
      }
      note = started;
    }
    this.current = this.startToggle(config, note);
    return this.current;
  }

  dispose(): void {
    this.teardown();
  }

  /** Starts hold mode; returns null on success or the reason it fell back. */
  private startHold(binding: string): HotkeyNote | null {
    if (this.deps.platform === 'linux' && isWayland(this.deps.env)) return hotkeyNote('wayland');
    const loaded = this.hook();
    if (!loaded) return hotkeyNote('unavailable', { reason: this.loadError });
    const combo = parseBinding(binding, loaded.keyCodes, this.deps.platform);
    if (!combo) return hotkeyNote('cannotWatch', { binding });
    try {
      loaded.hook.on('keydown', this.onKeyDown);
      loaded.hook.on('keyup', this.onKeyUp);
      loaded.hook.start();
    } catch (error) {
      loaded.hook.off('keydown', this.onKeyDown);
      loaded.hook.off('keyup', this.onKeyUp);
      this.deps.logger.warn('keyboard hook failed to start', { error: String(error) });
      return hotkeyNote(this.deps.platform === 'darwin' ? 'hookFailedMac' : 'hookFailed');
    }
    this.combo = combo;
    this.hookRunning = true;
    return null;
  }

  private startToggle(config: HotkeyConfig, note: HotkeyNote | null): HotkeyStatus {
    let ok = false;
    try {
      ok = this.deps.shortcuts.register(config.binding, () => this.deps.onEvent({ type: 'press', source: 'hotkey' }));
    } catch (error) {
      this.deps.logger.warn('shortcut registration failed', { error: String(error) });
    }
    const base = { binding: config.binding, requestedMode: config.mode, paused: false, mode: 'toggle' as const };
    if (!ok) {
      return {
        ...base,
        available: false,
        note: hotkeyNote('unregistered', { binding: config.binding }),
      };
    }
    this.registered = config.binding;
    return { ...base, available: true, note };
  }

  private hook(): LoadedHook | null {
    if (this.loaded === undefined) {
      try {
        this.loaded = this.deps.loadHook();
      } catch (error) {
        this.loaded = null;
        this.loadError = error instanceof Error ? error.message : String(error);
        this.deps.logger.warn('keyboard hook unavailable', { error: this.loadError });
      }
    }
    return this.loaded;
  }

  private teardown(): void {
    if (this.hookRunning && this.loaded) {
      this.loaded.hook.off('keydown', this.onKeyDown);
      this.loaded.hook.off('keyup', this.onKeyUp);
      try {
        this.loaded.hook.stop();
      } catch (error) {
        this.deps.logger.warn('keyboard hook failed to stop', { error: String(error) });
      }
    }
    this.hookRunning = false;
    this.combo = null;
    if (this.registered) this.deps.shortcuts.unregister(this.registered);
    this.registered = null;
  }
}
