// Holding Space works Talk while the window has focus (unless a field, another button or a
// scroll region has it); losing focus while Space is held releases Talk, since the key-up would
// never arrive.
import { useEffect } from 'react';
import { spaceWorksTalk } from './space-key';

export function useSpaceToTalk(talkButtonId: string, talk: { press(): void; release(): void }): void {
  useEffect(() => {
    let held = false;
    const targetOf = (event: KeyboardEvent) => {
      const el = event.target instanceof HTMLElement ? event.target : null;
      if (!el || el === document.body) return null;
      return {
        tagName: el.tagName,
        type: el.getAttribute('type') ?? undefined,
        isContentEditable: el.isContentEditable,
        isTalkButton: el.id === talkButtonId,
        insideDialog: el.closest('dialog') !== null,
        tabStop: el.hasAttribute('tabindex') && el.tabIndex >= 0,
      };
    };
    const down = (event: KeyboardEvent) => {
      if (!spaceWorksTalk(event, targetOf(event)) || event.defaultPrevented) return;
      event.preventDefault();
      if (event.repeat || held) return;
      held = true;
      talk.press();
    };
    const up = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || !held) return;
      event.preventDefault();
      held = false;
      talk.release();
    };
    const blur = () => {
      if (!held) return;
      held = false;
      talk.release();
    };
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [talkButtonId, talk]);
}
