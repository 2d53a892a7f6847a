// The "Conversation" region: past exchanges (oldest first) and the turn in progress, with its live
// transcript and the reply as its tokens stream in. Scrolls to the newest line.
import { useEffect, useRef } from 'react';
import type { HistoryEntry } from '../../../shared/records';
import { useApp, useT } from '../state/app-context';
import type { TurnView } from '../store/turn-view';
import { SourceChips } from '../knowledge/SourceChips';

function Exchange({ entry }: { entry: HistoryEntry }) {
  const t = useT();
  return (
    <li className="exchange" data-turn-id={entry.id}>
      <p className="line user">
        <span className="who">{t('conversation.you')}</span> <span className="said">{entry.transcript}</span>
      </p>
      <p className="line assistant">
        <span className="who">{t('conversation.assistant')}</span>{' '}
        {entry.reply === '' ? (
          <span className="said cut">{t('conversation.noAnswer')}</span>
        ) : (
          <>
            <span className="said" data-testid="reply">
              {entry.reply}
            </span>
            {!entry.complete && <span className="cut"> {t('conversation.cut')}</span>}
          </>
        )}
      </p>
      <SourceChips turnId={entry.id} />
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
        <p className="line assistant">
          <span className="who">{t('conversation.assistant')}</span>{' '}
          <span className="said reply" data-testid="reply">
            {turn.reply || t('conversation.waiting')}
          </span>
          {cut && <span className="cut"> {t('conversation.cut')}</span>}
        </p>
      )}
      <SourceChips turnId={turn.turnId} />
    </li>
  );
}

export function Conversation() {
  const t = useT();
  const history = useApp((s) => s.history);
  const turn = useApp((s) => s.turn);
  const box = useRef<HTMLElement>(null);
  // The turn stays on screen as "live" until it is in the history (after 'done'); one that ended
  // with nothing said and nothing answered (a refused microphone, a silent tap) leaves no line.
  const showLive =
    turn !== null && !(turn.turnId !== null && history.some((e) => e.id === turn.turnId)) && !(turn.ended && turn.transcript === '' && turn.reply === '');
  const liveText = turn ? turn.transcript + turn.reply : '';

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
    </section>
  );
}
