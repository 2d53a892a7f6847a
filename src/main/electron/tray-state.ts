// What the tray shows: a pure reduction of turn events to one of five states, and each state's
// icon and tooltip. An error stays visible until the next turn starts listening or the caller
// clears it after a while.
import type { ListeningState } from '../../shared/contract';
import type { TurnEvent } from '../../shared/turn';

export const TRAY_STATES = ['idle', 'listening', 'thinking', 'speaking', 'error'] as const;
export type TrayState = (typeof TRAY_STATES)[number];

export function nextTrayState(current: TrayState, event: TurnEvent): TrayState {
  if (event.type === 'error') return event.error.code === 'cancelled' ? current : 'error';
  if (event.type !== 'state') return current;
  switch (event.state) {
    case 'listening':
      return 'listening';
    case 'transcribing':
    case 'thinking':
      return 'thinking';
    case 'speaking':
      return 'speaking';
    case 'idle':
      return current === 'error' ? 'error' : 'idle';
  }
}

export interface TrayLook {
  icon: TrayState;
  tooltip: string;
}

const TOOLTIPS: Record<TrayState, string> = {
  idle: 'Earshot — ready',
  listening: 'Earshot — listening',
  thinking: 'Earshot — thinking',
  speaking: 'Earshot — speaking',
  error: 'Earshot — something went wrong (open the window for details)',
};

export function trayLook(state: TrayState, hotkey: { paused: boolean; binding: string; mode: 'hold' | 'toggle'; available: boolean }): TrayLook {
  let tooltip = TOOLTIPS[state];
  if (state === 'idle') {
    if (hotkey.paused) tooltip += ' (hotkey paused)';
    else if (hotkey.available) tooltip += hotkey.mode === 'hold' ? ` — hold ${hotkey.binding} to talk` : ` — press ${hotkey.binding} to talk`;
  }
  return { icon: state, tooltip };
}

/**
 * What the tooltip adds while Earshot has no turn running and hands-free is on: that the microphone
 * is open and waiting for the wake word, or that it is paused.
 */
export function listeningNote(handsFree: boolean, state: ListeningState): string {
  if (!handsFree) return '';
  return state === 'paused' ? ' — hands-free paused' : ' — microphone on, say the wake word';
}
