// Runs the hotkey's push-to-talk step: feeds it key, tray and assistant events and carries out its
// actions. The renderer owns the microphone, so "begin"/"end" become 'hotkey' pressed/released
// events for it (pressed names the turn); "cancel" stops the interrupted turn here at once, before
// the renderer has even heard of the press.
import { randomUUID } from 'node:crypto';
import type { HotkeyEvent } from '../../shared/contract';
import { INITIAL_PUSH_TO_TALK, pushToTalk, type PushToTalkEvent, type PushToTalkState } from './push-to-talk';

export interface PushToTalkDeps {
  tellRenderer(event: HotkeyEvent): void;
  cancelTurn(turnId: string): void;
  /** A fresh turn id (default: a random UUID). */
  newId?: () => string;
}

export class PushToTalkController {
  private state: PushToTalkState = INITIAL_PUSH_TO_TALK;

  constructor(private readonly deps: PushToTalkDeps) {}

  get current(): PushToTalkState {
    return this.state;
  }

  handle(event: PushToTalkEvent): void {
    const mayBegin = event.type === 'keyDown' || event.type === 'press';
    const step = pushToTalk(this.state, event, mayBegin ? (this.deps.newId ?? randomUUID)() : '');
    this.state = step.state;
    const source = event.type === 'press' ? event.source : 'hotkey';
    for (const action of step.actions) {
      if (action.type === 'cancel') this.deps.cancelTurn(action.turnId);
      else if (action.type === 'begin') this.deps.tellRenderer({ action: 'pressed', source, turnId: action.turnId });
      else this.deps.tellRenderer({ action: 'released', source });
    }
  }
}
