// The page: header, the conversations list beside banners, first-run check, conversation, talk bar,
// the latency view when asked for, settings.
import { Banners } from '../banners/Banners';
import { Conversation } from '../conversation/Conversation';
import { ConversationsPanel } from '../conversations/ConversationsPanel';
import { LatencyButton, LatencyView } from '../latency/LatencyView';
import { SettingsDialog } from '../settings/SettingsDialog';
import { FirstRunCheck } from '../setup/FirstRunCheck';
import { TalkBar } from '../talk/TalkBar';
import { ListeningBar } from '../listening/ListeningBar';
import { useDocumentLanguage } from './use-document-language';
import { useActions, useApp, useT } from '../state/app-context';

export function App() {
  const t = useT();
  const actions = useActions();
  const connection = useApp((s) => s.connection);
  const settingsOpen = useApp((s) => s.settingsOpen);
  useDocumentLanguage(t.locale, t('app.title'));

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          {t('app.title')} <span className="tagline">{t('app.tagline')}</span>
        </h1>
        {connection === 'connecting' && (
          <p className="connection" role="status">
            {t('connection.connecting')}
          </p>
        )}
        <LatencyButton />
        <button type="button" className="secondary" aria-haspopup="dialog" aria-expanded={settingsOpen} onClick={() => actions.setSettingsOpen(true)}>
          {t('nav.settings')}
        </button>
      </header>
      <div className="app-body">
        <ConversationsPanel />
        <main className="app-main">
          <Banners />
          <FirstRunCheck />
          <Conversation />
          <ListeningBar />
          <TalkBar />
          <LatencyView />
        </main>
      </div>
      <SettingsDialog />
    </div>
  );
}
