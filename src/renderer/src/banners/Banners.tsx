// Problems the person can act on, newest last, each dismissable; `commands` shown as code.
import { useApp, useT } from '../app/app-context';
import { MessageText } from './MessageText';

export function Banners() {
  const t = useT();
  const banners = useApp((s) => s.banners);
  const dismiss = useApp((s) => s.dismissBanner);
  return (
    <div className="banners">
      {banners.map((banner) => (
        <div key={banner.id} className={`banner banner-${banner.level}`} role={banner.level === 'info' ? 'status' : 'alert'} data-banner={banner.id}>
          <p>
            <MessageText text={banner.message} />
          </p>
          <button type="button" className="icon" aria-label={t('banner.dismiss')} title={t('banner.dismiss')} onClick={() => dismiss(banner.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
