// Problems the person can act on, newest last, each dismissable, with a button that fixes it in the
// app where there is one (Retry, Download model) rather than a command to type. The words are made
// when drawn, so a banner on screen follows a change of the interface language.
import { useActions, useApp, useT, useUiLanguage } from '../state/app-context';
import { CATALOGS } from '../i18n/translate';
import { bannerFix, bannerMessage, type BannerFix } from './banner-for-error';
import { MessageText } from './MessageText';

function FixButton({ fix }: { fix: BannerFix }) {
  const t = useT();
  const actions = useActions();
  const requestSetup = useApp((s) => s.requestSetup);
  return (
    <button type="button" className="secondary" onClick={() => (fix === 'retry' ? void actions.refreshSetup() : requestSetup())}>
      {t(fix === 'retry' ? 'talk.fix.retry' : 'talk.fix.download')}
    </button>
  );
}

export function Banners() {
  const t = useT();
  const messages = CATALOGS[useUiLanguage()];
  const banners = useApp((s) => s.banners);
  const dismiss = useApp((s) => s.dismissBanner);
  return (
    <div className="banners">
      {banners.map((banner) => {
        const fix = bannerFix(banner.text);
        return (
          <div key={banner.id} className={`banner banner-${banner.level}`} role={banner.level === 'info' ? 'status' : 'alert'} data-banner={banner.id}>
            <p>
              <MessageText text={bannerMessage(banner.text, messages)} />
            </p>
            {fix && <FixButton fix={fix} />}
            <button type="button" className="icon" aria-label={t('banner.dismiss')} title={t('banner.dismiss')} onClick={() => dismiss(banner.id)}>
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
