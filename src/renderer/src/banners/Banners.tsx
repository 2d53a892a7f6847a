// Problems the person can act on, newest last, each dismissable; `commands` shown as code. The words
// are made when drawn, so a banner on screen follows a change of the interface language.
import { useApp, useT, useUiLanguage } from '../state/app-context';
import { CATALOGS } from '../i18n/translate';
import { bannerMessage } from './banner-for-error';
import { MessageText } from './MessageText';

export function Banners() {
  const t = useT();
  const messages = CATALOGS[useUiLanguage()];
  const banners = useApp((s) => s.banners);
  const dismiss = useApp((s) => s.dismissBanner);
  return (
    <div className="banners">
      {banners.map((banner) => (
        <div key={banner.id} className={`banner banner-${banner.level}`} role={banner.level === 'info' ? 'status' : 'alert'} data-banner={banner.id}>
          <p>
            <MessageText text={bannerMessage(banner.text, messages)} />
          </p>
          <button type="button" className="icon" aria-label={t('banner.dismiss')} title={t('banner.dismiss')} onClick={() => dismiss(banner.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
