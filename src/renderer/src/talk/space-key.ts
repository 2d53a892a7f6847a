// Whether a Space key event should work Talk: only while nothing that types, clicks or scrolls with
// Space has focus (text fields, selects, other buttons, a focusable scroll region such as the
// conversation); auto-repeat is ignored by the press plan. Pure.

export interface KeyTarget {
  tagName: string;
  /** input type attribute, lower case, when the target is an input. */
  type?: string;
  isContentEditable: boolean;
  /** True for the Talk button itself, which Space is meant to work. */
  isTalkButton: boolean;
  /** True inside a dialog (the settings panel): Space belongs to it. */
  insideDialog: boolean;
  /** True for an element made reachable with Tab (tabindex ≥ 0), such as a scroll region: Space scrolls it. */
  tabStop: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
const CLICKING_TAGS = new Set(['BUTTON', 'A', 'SUMMARY']);

export function spaceWorksTalk(key: { code: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean }, target: KeyTarget | null): boolean {
  if (key.code !== 'Space' || key.altKey || key.ctrlKey || key.metaKey) return false;
  if (!target) return true;
  if (target.isTalkButton) return true;
  if (target.isContentEditable || target.insideDialog || target.tabStop) return false;
  const tag = target.tagName.toUpperCase();
  return !TYPING_TAGS.has(tag) && !CLICKING_TAGS.has(tag);
}
