// Runs the push-to-talk state machine: feeds it key, tray and assistant events and carries out its
// actions. The renderer owns the microphone, so "begin"/"end" become 'hotkey' pressed/released
// events for it; "cancel" stops the turn in flight here at once.
import type { HotkeyEvent } from '../../shared/contract';
import { INITIAL_PUSH_TO_TALK, pushToTalk, type PushToTalkEvent, type PushToTalkState } from './push-to-talk';

export interface PushToTalkDeps {
  tellRenderer(event: HotkeyEvent): void;
  cancelTurn(): void;
}

export class PushToTalkController {
  private state: PushToTalkState = INITIAL_PUSH_TO_TALK;

  constructor(private readonly deps: PushToTalkDeps) {}

  get current(): PushToTalkState {
    return this.state;
  }

  handle(event: PushToTalkEvent): void {
    const step = pushToTalk(this.state, event);
    this.state = step.state;
    const source = event.type === 'press' ? event.source : 'hotkey';
    for (const action of step.actions) {
      if (action === 'cancel') this.deps.cancelTurn();
      else this.deps.tellRenderer({ action: action === 'begin' ? 'pressed' : 'released', source });
    }
  }
}
