// The "Conversation" region: past exchanges (oldest first) and the turn in progress, with its live
// transcript and the reply as its tokens stream in. Scrolls to the newest line.
import { useEffect, useRef, useState } from 'react';
import { ReplyMarkdown } from './ReplyMarkdown';
import type { HistoryEntry } from '../../../shared/records';
import { useApp, useT } from '../state/app-context';
import type { TurnView } from '../store/turn-view';
import { SourceChips } from '../knowledge/SourceChips';

/** Time of day, with the date when it was not today. */
function when(at: number, locale: string, now = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function CopyReply({ text }: { text: string }) {
  const t = useT();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <button type="button" className="link-button copy" onClick={copy} aria-label={t('conversation.copy')}>
      {copied ? t('conversation.copied') : t('conversation.copyShort')}
    </button>
  );
}

function Exchange({ entry }: { entry: HistoryEntry }) {
  const t = useT();
  return (
    <li className="exchange" data-turn-id={entry.id}>
      <time className="when" dateTime={new Date(entry.at).toISOString()}>
        {when(entry.at, t.locale)}
      </time>
      <div className="line user">
        <span className="who">{t('conversation.you')}</span> <p className="said">{entry.transcript}</p>
      </div>
      <div className="line assistant">
        <span className="who">{t('conversation.assistant')}</span>{' '}
        {entry.reply === '' ? (
          <p className="said cut">{t('conversation.noAnswer')}</p>
        ) : (
          <>
            <div className="said" data-testid="reply">
              <ReplyMarkdown text={entry.reply} />
            </div>
            {!entry.complete && <p className="cut">{t('conversation.cut')}</p>}
            <CopyReply text={entry.reply} />
          </>
        )}
        <SourceChips turnId={entry.id} />
      </div>
    </li>
  );
}

function LiveTurn({ turn }: { turn: TurnView }) {
  const t = useT();
  const listening = turn.kind === 'voice' && turn.transcript === '' && !turn.transcriptFinal && !turn.ended;
  // Ended without 'done' (connection lost, request refused): a reply begun is shown as cut short.
  const cut = turn.ended && (turn.result ? !turn.result.complete : turn.reply !== '');
  return (
    <li className="exchange live" data-turn-id={turn.turnId ?? ''} aria-busy={!turn.ended}>
      <p className="line user">
        <span className="who">{t('conversation.you')}</span>{' '}
        <span className={`said transcript${turn.transcriptFinal ? '' : ' partial'}`} data-testid="live-transcript">
          {listening ? t('conversation.listening') : turn.transcript}
        </span>
      </p>
      {(turn.reply !== '' || turn.state === 'thinking') && (
        <div className="line assistant">
          <span className="who">{t('conversation.assistant')}</span>{' '}
          <div className="said reply" data-testid="reply">
            {turn.reply ? <ReplyMarkdown text={turn.reply} /> : <p>{t('conversation.waiting')}</p>}
          </div>
          {cut && <p className="cut">{t('conversation.cut')}</p>}
        </div>
      )}
      <SourceChips turnId={turn.turnId} />
    </li>
  );
}

export function Conversation() {
  const t = useT();
  const history = useApp((s) => s.history);
  const turn = useApp((s) => s.turn);
  const leftTurnId = useApp((s) => s.leftTurnId);
  const box = useRef<HTMLElement>(null);
  // The turn stays on screen as "live" until it is in the history (after 'done'); one that ended
  // with nothing said and nothing answered (a refused microphone, a silent tap) leaves no line.
  // A finished turn of a conversation switched away from is not shown in the next one.
  const showLive =
    turn !== null &&
    !(turn.ended && turn.turnId !== null && turn.turnId === leftTurnId) && !(turn.turnId !== null && history.some((e) => e.id === turn.turnId)) && !(turn.ended && turn.transcript === '' && turn.reply === '');
  const liveText = turn ? turn.transcript + turn.reply : '';

  // Screen readers hear each reply once it is complete, not every token as it streams in.
  const last = history.at(-1);
  const announced = last && turn?.turnId === last.id ? last.reply : '';

  // Keeps the newest line in view by scrolling the conversation box only: scrollIntoView would scroll
  // the whole page too, and push a banner that just appeared out of sight.
  useEffect(() => {
    const element = box.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [history.length, liveText]);

  return (
    <section ref={box} className="conversation" aria-labelledby="conversation-title" tabIndex={0}>
      <h2 id="conversation-title">{t('conversation.title')}</h2>
      {history.length === 0 && !showLive ? (
        <p className="empty">{t('conversation.empty')}</p>
      ) : (
        <ol className="exchanges">
          {history.map((entry) => (
            <Exchange key={entry.id} entry={entry} />
          ))}
          {showLive && turn && <LiveTurn turn={turn} />}
        </ol>
      )}
      <div className="visually-hidden" aria-live="polite" data-testid="reply-announcer">
        {announced && (
          <>
            {t('conversation.assistant')}: <ReplyMarkdown text={announced} />
          </>
        )}
      </div>
    </section>
  );
}
