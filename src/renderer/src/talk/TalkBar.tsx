// The Talk button (hold it, or hold Space), the input level meter, the assistant's state, and the
// Message box for typing instead of speaking. While something stops Talk from working (no
// connection, Ollama down, a model missing) the status says what and offers the fix, and Talk is
// marked unavailable: a press is refused rather than listening to a question nothing can answer.
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useActions, useApp, useT } from '../state/app-context';
import { talkStatus } from '../store/turn-view';
import { useSpaceToTalk } from './use-space-to-talk';
import { fixFor, stopsTalk, talkProblem } from './talk-readiness';

export function TalkBar() {
  const t = useT();
  const actions = useActions();
  const capturing = useApp((s) => s.capturing);
  const level = useApp((s) => s.micLevel);
  const speechHeard = useApp((s) => s.speechHeard);
  const playing = useApp((s) => s.playing);
  const state = useApp((s) => talkStatus(s.turn, s.playing));
  const hotkey = useApp((s) => s.hotkeyStatus);
  const problem = useApp((s) => talkProblem(s.connection, s.setup));
  const chatModel = useApp((s) => s.setup?.chatModel.name ?? '');
  const requestSetup = useApp((s) => s.requestSetup);
  const fix = fixFor(problem);
  // The problem is said while nothing is happening; a reply still being said shows as such.
  const shown = problem !== null && state === 'idle' ? problem : null;
  const blocked = shown !== null && stopsTalk(shown);
  const [message, setMessage] = useState('');
  const talkButtonId = 'talk-button';
  useSpaceToTalk(talkButtonId, actions);

  const down = (event: PointerEvent<HTMLButtonElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    actions.press();
  };
  const up = () => actions.release();
  const enterDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    if (!event.repeat) actions.press();
  };
  const enterUp = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'Enter') actions.release();
  };

  const send = async () => {
    if (message.trim() === '') return;
    if (await actions.ask(message)) setMessage('');
  };

  const hotkeyHint =
    hotkey?.available && !hotkey.paused
      ? t(hotkey.mode === 'hold' ? 'talk.hintHotkey' : 'talk.hintHotkeyToggle', { binding: hotkey.binding })
      : null;

  return (
    <section className="talk-bar" data-capturing={capturing} data-playing={playing} data-state={state}>
      <div className="talk-row">
        <button
          id={talkButtonId}
          type="button"
          className={`talk-button${capturing ? ' held' : ''}`}
          aria-pressed={capturing}
          aria-disabled={blocked || undefined}
          aria-describedby={blocked ? 'talk-state talk-hint' : 'talk-hint'}
          onPointerDown={down}
          onPointerUp={up}
          onPointerCancel={up}
          onKeyDown={enterDown}
          onKeyUp={enterUp}
          onContextMenu={(event) => event.preventDefault()}
        >
          {t('talk.button')}
        </button>
        <div className="talk-status">
          <p id="talk-state" role="status" aria-label={t('talk.status')} className={blocked ? 'state problem' : 'state'} data-problem={shown ?? undefined}>
            {shown ? t(`talk.problem.${shown}`, { model: chatModel }) : t(`talk.state.${state}`)}
          </p>
          {blocked && fix && (
            <button type="button" className="secondary fix" onClick={() => (fix === 'retry' ? void actions.refreshSetup() : requestSetup())}>
              {t(fix === 'retry' ? 'talk.fix.retry' : 'talk.fix.download')}
            </button>
          )}
          <meter className="level" aria-label={t('talk.level')} min={0} max={1} low={0.2} high={0.9} optimum={0.5} value={capturing ? level : 0} />
          {capturing && speechHeard && <span className="speech-heard">{t('talk.speechHeard')}</span>}
        </div>
      </div>
      <p id="talk-hint" className="hint">
        {t('talk.hint')} {hotkeyHint}
      </p>
      <form
        className="message-form"
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <label htmlFor="message-input" className="visually-hidden">
          {t('message.label')}
        </label>
        <input
          id="message-input"
          type="text"
          autoComplete="off"
          placeholder={t('message.placeholder')}
          value={message}
          maxLength={4000}
          onChange={(event) => setMessage(event.target.value)}
        />
        <button type="submit" disabled={message.trim() === ''}>
          {t('message.send')}
        </button>
      </form>
    </section>
  );
}
