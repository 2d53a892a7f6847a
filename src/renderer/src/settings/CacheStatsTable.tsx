// Cache statistics (hits, misses, hit rate, entries, size, evictions) with a Clear button per cache
// and one for all of them.
import { useActions, useApp, useT } from '../state/app-context';
import { formatBytes } from '../setup/progress-text';

export function CacheStatsTable() {
  const t = useT();
  const actions = useActions();
  const stats = useApp((s) => s.cacheStats);
  const percent = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(t.locale);
  if (stats.length === 0) return <p className="empty">{t('cache.empty')}</p>;
  return (
    <div className="cache-stats">
      <table>
        <caption>{t('cache.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cache.col.kind')}</th>
            <th scope="col">{t('cache.col.hitRate')}</th>
            <th scope="col">{t('cache.col.hits')}</th>
            <th scope="col">{t('cache.col.misses')}</th>
            <th scope="col">{t('cache.col.entries')}</th>
            <th scope="col">{t('cache.col.size')}</th>
            <th scope="col">{t('cache.col.evictions')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {stats.map((s) => (
            <tr key={s.kind} data-cache={s.kind}>
              <th scope="row">{t(`cache.kind.${s.kind}`)}</th>
              <td>{percent.format(s.hitRate)}</td>
              <td>{number.format(s.hits)}</td>
              <td>{number.format(s.misses)}</td>
              <td>{number.format(s.entries)}</td>
              <td>{formatBytes(s.bytes, t.locale)}</td>
              <td>{number.format(s.evictions)}</td>
              <td>
                {/* The row names the cache; the button says only "Clear" so it fits beside it. */}
                <button type="button" className="secondary" aria-label={t('cache.clear', { kind: t(`cache.kind.${s.kind}`) })} onClick={() => void actions.clearCache(s.kind)}>
                  {t('cache.clearShort')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="secondary" onClick={() => void actions.clearCache()}>
        {t('cache.clearAll')}
      </button>
    </div>
  );
}
