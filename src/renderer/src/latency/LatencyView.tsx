// The "Latency" region: the waterfall of one turn's stages (the newest unless another is picked)
// and rolling P50/P95 per stage over recent turns.
import { useState } from 'react';
import type { TurnMetricsRow } from '../../../shared/records';
import { useApp, useT, type Translator } from '../state/app-context';
import { rollingStageStats, turnsForStats } from './percentiles';
import { waterfallOf } from './waterfall';

/** Turns the rolling percentiles cover. */
const WINDOW = 50;

function ms(t: Translator, value: number): string {
  return t('latency.ms', { ms: Math.round(value).toLocaleString(t.locale) });
}

function Waterfall({ row }: { row: TurnMetricsRow }) {
  const t = useT();
  const waterfall = waterfallOf(row.marks);
  const v2v = row.marks.keyUp !== undefined && row.marks.firstAudioPlayed !== undefined ? row.marks.firstAudioPlayed - row.marks.keyUp : null;
  return (
    <div className="waterfall" data-turn-id={row.turnId}>
      <p className="waterfall-summary">
        {v2v !== null && <strong>{t('latency.voiceToVoice', { ms: ms(t, v2v) })}</strong>}{' '}
        {row.complete ? <span>{t('latency.cache', { outcome: t(`latency.cache.${row.cache}`) })}</span> : <span>{t('latency.incomplete')}</span>}
      </p>
      <ol className="bars" aria-label={t('latency.waterfall')}>
        {waterfall.bars.map((bar) => (
          <li key={bar.stage} className="bar-row" data-stage={bar.stage}>
            <span className="bar-label">{t(`latency.stage.${bar.stage}`)}</span>
            <span className="bar-track" aria-hidden="true">
              <span className={`bar bar-${bar.stage}`} style={{ left: `${bar.leftPct}%`, width: `${bar.widthPct}%` }} />
            </span>
            <span className="bar-value">{ms(t, bar.endMs - bar.startMs)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Shows or hides the "Latency" region; absent until there is a turn to show. */
export function LatencyButton() {
  const t = useT();
  const open = useApp((s) => s.latencyOpen);
  const hasTurns = useApp((s) => s.latency.length > 0);
  const setOpen = useApp((s) => s.setLatencyOpen);
  if (!hasTurns) return null;
  return (
    <button type="button" className="secondary" aria-expanded={open} aria-controls="latency" onClick={() => setOpen(!open)}>
      {t('latency.show')}
    </button>
  );
}

export function LatencyView() {
  const open = useApp((s) => s.latencyOpen);
  const hasTurns = useApp((s) => s.latency.length > 0);
  return open && hasTurns ? <LatencyRegion /> : null;
}

function LatencyRegion() {
  const t = useT();
  const rows = useApp((s) => s.latency);
  const [picked, setPicked] = useState<string | null>(null);
  const row = rows.find((r) => r.turnId === picked) ?? rows[0];
  const stats = rollingStageStats(rows, WINDOW);
  const counted = turnsForStats(rows, WINDOW).length;
  const time = new Intl.DateTimeFormat(t.locale, { timeStyle: 'medium' });

  return (
    <section className="latency" aria-labelledby="latency-title" id="latency">
      <h2 id="latency-title">{t('latency.title')}</h2>
      {!row ? (
        <p className="empty">{t('latency.empty')}</p>
      ) : (
        <>
          {rows.length > 1 && (
            <p>
              <label htmlFor="latency-turn">{t('latency.turnPicker')}</label>{' '}
              <select id="latency-turn" value={row.turnId} onChange={(event) => setPicked(event.target.value)}>
                {rows.slice(0, WINDOW).map((r) => (
                  <option key={r.turnId} value={r.turnId}>
                    {t('latency.turnOption', { time: time.format(r.at), kind: t(`latency.kind.${r.kind}`) })}
                  </option>
                ))}
              </select>
            </p>
          )}
          <Waterfall row={row} />
          {counted > 0 && (
            <table className="percentiles">
              <caption>{counted === 1 ? t('latency.summary.one') : t('latency.summary', { count: counted })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('latency.col.stage')}</th>
                  <th scope="col">{t('latency.col.p50')}</th>
                  <th scope="col">{t('latency.col.p95')}</th>
                  <th scope="col">{t('latency.col.count')}</th>
                </tr>
              </thead>
              <tbody>
                {stats.map((s) => (
                  <tr key={s.stage} data-stage={s.stage}>
                    <th scope="row">{t(`latency.stage.${s.stage}`)}</th>
                    <td>{ms(t, s.p50)}</td>
                    <td>{ms(t, s.p95)}</td>
                    <td>{s.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
