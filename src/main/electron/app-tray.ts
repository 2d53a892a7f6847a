// The tray icon: its image and tooltip follow the assistant's state (tray-state.ts), and its menu
// offers Talk, Show, Settings, Pause hotkey and Quit. Electron's Tray, Menu and images come in
// through the constructor, so tests drive it with fakes.
import type { HotkeyStatus, ListeningState } from '../../shared/contract';
import type { TurnEvent } from '../../shared/turn';
import { listeningNote, nextTrayState, trayLook, type TrayState } from './tray-state';

export interface TrayLike<Image, Menu> {
  setImage(image: Image): void;
  setToolTip(text: string): void;
  setContextMenu(menu: Menu | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface MenuItemSpec {
  label?: string;
  type?: 'normal' | 'checkbox' | 'separator';
  checked?: boolean;
  enabled?: boolean;
  click?: () => void;
}

export interface TrayActions {
  talk(): void;
  show(): void;
  settings(): void;
  setPaused(paused: boolean): void;
  quit(): void;
  setHandsFree(on: boolean): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface AppTrayDeps<Image, Menu> {
  createTray(image: Image): TrayLike<Image, Menu>;
  buildMenu(items: MenuItemSpec[]): Menu;
  image(state: TrayState): Image;
  actions: TrayActions;
  timers: Timers;
  /** How long an error stays on the icon when nothing else happens (default 8 s). */
  errorMs?: number;
}

export class AppTray<Image, Menu> {
  private state: TrayState = 'idle';
  private hotkey: HotkeyStatus;
  private errorTimer: unknown = null;
  private readonly tray: TrayLike<Image, Menu>;
  private listening: { handsFree: boolean; state: ListeningState } = { handsFree: false, state: 'paused' };

  constructor(
    private readonly deps: AppTrayDeps<Image, Menu>,
    hotkey: HotkeyStatus,
  ) {
    this.hotkey = hotkey;
    this.tray = deps.createTray(deps.image('idle'));
    this.tray.on('click', () => deps.actions.show());
    this.render();
  }

  get current(): TrayState {
    return this.state;
  }

  onTurnEvent(event: TurnEvent): void {
    const next = nextTrayState(this.state, event);
    if (next === this.state) return;
    this.state = next;
    this.deps.timers.clearTimeout(this.errorTimer);
    this.errorTimer = null;
    if (next === 'error') {
      this.errorTimer = this.deps.timers.setTimeout(() => {
        this.errorTimer = null;
        if (this.state !== 'error') return;
        this.state = 'idle';
        this.render();
      }, this.deps.errorMs ?? 8000);
    }
    this.render();
  }

  setHotkey(status: HotkeyStatus): void {
    this.hotkey = status;
    this.render();
  }

  /** Hands-free listening: the switch in the menu and, between turns, the tooltip. */
  setListening(handsFree: boolean, state: ListeningState): void {
    this.listening = { handsFree, state };
    this.render();
  }

  dispose(): void {
    this.deps.timers.clearTimeout(this.errorTimer);
    this.tray.destroy();
  }

  private render(): void {
    const look = trayLook(this.state, this.hotkey);
    this.tray.setImage(this.deps.image(look.icon));
    this.tray.setToolTip(this.state === 'idle' ? look.tooltip + listeningNote(this.listening.handsFree, this.listening.state) : look.tooltip);
    this.tray.setContextMenu(this.deps.buildMenu(this.menu()));
  }

  private menu(): MenuItemSpec[] {
    const { actions } = this.deps;
    const paused = this.hotkey.paused;
    return [
      { label: this.state === 'listening' ? 'Stop talking' : 'Talk', click: () => actions.talk() },
      { label: 'Show', click: () => actions.show() },
      { label: 'Settings', click: () => actions.settings() },
      { type: 'separator' },
      { label: 'Pause hotkey', type: 'checkbox', checked: paused, enabled: this.hotkey.available || paused, click: () => actions.setPaused(!paused) },
      { label: 'Hands-free listening', type: 'checkbox', checked: this.listening.handsFree, click: () => actions.setHandsFree(!this.listening.handsFree) },
      { type: 'separator' },
      { label: 'Quit', click: () => actions.quit() },
    ];
  }
}
