import { describe, expect, it } from 'vitest';
import { spaceWorksTalk, type KeyTarget } from '../../../src/renderer/src/talk/space-key';
import { newTurn, talkStatus, type TurnView } from '../../../src/renderer/src/store/turn-view';

const space = { code: 'Space', altKey: false, ctrlKey: false, metaKey: false };
const target = (over: Partial<KeyTarget>): KeyTarget => ({ tagName: 'DIV', isContentEditable: false, isTalkButton: false, insideDialog: false, tabStop: false, ...over });

describe('Space works Talk', () => {
  it('on the page and on the Talk button', () => {
    expect(spaceWorksTalk(space, null)).toBe(true);
    expect(spaceWorksTalk(space, target({}))).toBe(true);
    expect(spaceWorksTalk(space, target({ tagName: 'BUTTON', isTalkButton: true }))).toBe(true);
  });

  it('but not while typing, on another button, in the settings panel, or with a modifier', () => {
    expect(spaceWorksTalk(space, target({ tagName: 'INPUT', type: 'text' }))).toBe(false);
    expect(spaceWorksTalk(space, target({ tagName: 'TEXTAREA' }))).toBe(false);
    expect(spaceWorksTalk(space, target({ tagName: 'BUTTON' }))).toBe(false);
    expect(spaceWorksTalk(space, target({ isContentEditable: true }))).toBe(false);
    expect(spaceWorksTalk(space, target({ insideDialog: true }))).toBe(false);
    expect(spaceWorksTalk({ ...space, ctrlKey: true }, null)).toBe(false);
    expect(spaceWorksTalk({ ...space, code: 'KeyA' }, null)).toBe(false);
  });
});

describe('Space on a focusable scroll region', () => {
  it('scrolls it (the conversation, reached with Tab) instead of starting to record', () => {
    expect(spaceWorksTalk(space, target({ tagName: 'SECTION', tabStop: true }))).toBe(false);
  });
});

describe('the assistant status', () => {
  const turn = (over: Partial<TurnView>): TurnView => ({ ...newTurn('text', 't1', 'hi'), ...over });

  it('follows the turn while it runs', () => {
    expect(talkStatus(turn({ state: 'thinking' }), false)).toBe('thinking');
    expect(talkStatus(null, false)).toBe('idle');
  });

  it('says speaking while the reply still plays after the turn is done, then ready', () => {
    const done = turn({ state: 'idle', ended: true });
    expect(talkStatus(done, true)).toBe('speaking');
    expect(talkStatus(done, false)).toBe('idle');
  });
});
