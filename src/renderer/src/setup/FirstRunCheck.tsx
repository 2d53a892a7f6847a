// The first-run check: microphone permission, Ollama reachable, the chat model (offered as an
// Ollama pull), the speech recognition model and the voices (offered as catalog downloads), each
// with its progress. Shown while anything needs attention, until hidden.
import { useEffect, useRef, useState } from 'react';
import { useActions, useApp, useT } from '../state/app-context';
import { errorText } from '../banners/error-wording';
import { MessageText } from '../banners/MessageText';
import { DownloadProgress } from './DownloadProgress';
import { needsSetup, setupItems, type SetupItem } from './setup-checks';
import { itemsForLanguages, missingDownloads, neededLanguages, totalSize } from './setup-plan';
import { formatBytes } from './progress-text';
import { ChatModelPicker } from './ChatModelPicker';

/** Said beside a download the catalog pins no checksum for: its bytes cannot be verified. */
function UnverifiedNote({ model }: { model: string }) {
  const t = useT();
  const unverified = useApp((s) => s.models.some((m) => m.id === model && m.unverified === true));
  return unverified ? <small className="warning-text"> ({t('models.unverified')})</small> : null;
}

function ItemText({ item }: { item: SetupItem }) {
  const t = useT();
  switch (item.id) {
    case 'microphone':
      return <>{t(item.permission === 'granted' ? 'setup.mic.granted' : item.permission === 'denied' ? 'setup.mic.denied' : 'setup.mic.prompt')}</>;
    case 'ollama':
      if (!item.ok) return <MessageText text={item.error ? errorText(item.error, { ollamaHost: item.host }, t) : t('setup.ollama.down', { host: item.host })} />;
      return (
        <>
          {t('setup.ollama.ok', { version: item.version ?? '', host: item.host })}
          {!item.loopback && <strong className="warning-text"> {t('setup.ollama.remote', { host: item.host })}</strong>}
        </>
      );
    case 'chat':
      return <>{t(item.ok ? 'setup.chat.ok' : item.canPull ? 'setup.chat.missing' : 'setup.chat.unknown', { name: item.name })}</>;
    case 'stt':
      return (
        <>
          {t(item.ok ? 'setup.stt.ok' : 'setup.stt.missing', { id: item.model })}
          {!item.ok && <UnverifiedNote model={item.model} />}
        </>
      );
    case 'voice':
      return (
        <>
          {t(item.ok ? 'setup.voice.ok' : 'setup.voice.missing', { id: item.model })}
          {!item.ok && <UnverifiedNote model={item.model} />}
        </>
      );
  }
}

function ItemAction({ item, busy, onRun }: { item: SetupItem; busy: boolean; onRun: (work: () => Promise<void>) => void }) {
  const t = useT();
  const actions = useActions();
  const catalog = useApp((s) => s.models);
  if (item.ok) return null;
  const run = (work: () => Promise<void>) => () => onRun(work);
  switch (item.id) {
    case 'ollama':
      return (
        <button type="button" onClick={() => void actions.refreshSetup()}>
          {t('talk.fix.retry')}
        </button>
      );
    case 'microphone':
      return item.permission === 'prompt' ? (
        <button type="button" onClick={() => void actions.requestMicrophone()}>
          {t('setup.mic.allow')}
        </button>
      ) : null;
    case 'chat':
      return item.canPull ? (
        <>
          <ChatModelPicker />
          <button type="button" disabled={busy} onClick={run(() => actions.pullModel(item.name))}>
            {t('setup.chat.pull', { name: item.name })}
          </button>
        </>
      ) : null;
    case 'stt':
    case 'voice': {
      const size = totalSize([item.model], catalog);
      return (
        <button type="button" disabled={busy} onClick={run(() => actions.fetchModel(item.model))}>
          {size === null ? t('setup.fetch', { id: item.model }) : t('setup.fetchSized', { id: item.model, size: formatBytes(size, t.locale) })}
        </button>
      );
    }
    default:
      return null;
  }
}

const LABELS = { microphone: 'setup.mic.label', ollama: 'setup.ollama.label', chat: 'setup.chat.label', stt: 'setup.stt.label' } as const;

export function FirstRunCheck() {
  const t = useT();
  const actions = useActions();
  const setup = useApp((s) => s.setup);
  const mic = useApp((s) => s.micPermission);
  const downloads = useApp((s) => s.downloads);
  const dismissed = useApp((s) => s.setupDismissed);
  const dismiss = useApp((s) => s.dismissSetup);
  const shown = useApp((s) => s.setupShown);
  const markShown = useApp((s) => s.markSetupShown);
  const catalog = useApp((s) => s.models);
  const language = useApp((s) => s.settings?.language);
  const [started, setStarted] = useState<Set<string>>(new Set());
  const [details, setDetails] = useState(false);
  const requested = useApp((s) => s.setupRequested);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusPending = useRef(false);
  // "Download model" elsewhere (a banner, the Talk status) brings the check back opened out and
  // moves the focus to it, once, so the download buttons are the next thing the person reaches.
  useEffect(() => {
    if (requested === 0) return;
    focusPending.current = true;
    setDetails(true);
  }, [requested]);
  useEffect(() => {
    if (!focusPending.current || !heading.current) return;
    focusPending.current = false;
    heading.current.scrollIntoView({ block: 'start' });
    heading.current.focus();
  });
  const items = setup ? itemsForLanguages(setupItems(setup, mic), neededLanguages(language, t.language)) : [];
  const missing = missingDownloads(items).filter((id) => !downloads[id] && !started.has(id));
  const missingSize = totalSize(missing, catalog);
  const attention = setup !== null && (needsSetup(items) || Object.keys(downloads).length > 0);
  useEffect(() => {
    if (attention && !shown) markShown();
  }, [attention, shown, markShown]);
  if (!setup || dismissed) return null;
  // Once everything is ready the checklist folds into one line that stays out of the way.
  if (!attention && !details) {
    return (
      <section className="status-chip" aria-label={t('setup.title')}>
        <p>
          <span className="check-mark" aria-hidden="true">
            ✓
          </span>{' '}
          {t('setup.chip', { model: setup.chatModel.name })}
        </p>
        <button type="button" className="link-button" aria-expanded={false} onClick={() => setDetails(true)}>
          {t('setup.details')}
        </button>
      </section>
    );
  }
  const runAll = async () => {
    setStarted((s) => new Set([...s, ...missing]));
    for (const id of missing) await actions.fetchModel(id);
    setStarted(new Set());
  };

  const modelOf = (item: SetupItem) => (item.id === 'chat' ? item.name : item.id === 'stt' || item.id === 'voice' ? item.model : item.id);
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title" ref={heading} tabIndex={-1}>
        {t('setup.title')}
      </h2>
      <p>{attention ? t('setup.intro') : t('setup.allReady')}</p>
      <ul className="checks">
        {items.map((item) => {
          const model = modelOf(item);
          const progress = downloads[model];
          const label = item.id === 'voice' ? t('setup.voice.label', { language: t(`setup.language.${item.language}`) }) : t(LABELS[item.id]);
          return (
            <li key={`${item.id}:${model}`} className={`check ${item.ok ? 'ok' : 'missing'}`} data-check={item.id}>
              <span className="check-mark" aria-hidden="true">
                {item.ok ? '✓' : '!'}
              </span>
              <div className="check-body">
                <p>
                  <strong>{label}</strong> <span className="visually-hidden">{t(item.ok ? 'setup.ok' : 'setup.missing')}:</span> <ItemText item={item} />
                </p>
                {progress ? (
                  <DownloadProgress progress={progress} />
                ) : (
                  <ItemAction
                    item={item}
                    busy={started.has(model)}
                    onRun={(work) => {
                      setStarted((s) => new Set(s).add(model));
                      void work().finally(() =>
                        setStarted((s) => {
                          const next = new Set(s);
                          next.delete(model);
                          return next;
                        }),
                      );
                    }}
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <p className="actions">
        {missing.length > 1 && (
          <>
            <button type="button" onClick={() => void runAll()}>
              {missingSize === null ? t('setup.fetchAll') : t('setup.fetchAllSized', { size: formatBytes(missingSize, t.locale) })}
            </button>{' '}
          </>
        )}
        {!attention && (
          <>
            <button type="button" className="secondary" aria-expanded={true} onClick={() => setDetails(false)}>
              {t('setup.collapse')}
            </button>{' '}
          </>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => void actions.refreshSetup()}
        >
          {t('setup.recheck')}
        </button>{' '}
        <button type="button" className="secondary" onClick={dismiss}>
          {t('setup.hide')}
        </button>
      </p>
    </section>
  );
}
