// Hands-free listening at a glance: whether the microphone is live, what Earshot is doing
// (waiting for the wake word, listening, thinking, speaking) and the control that pauses it.
import { useApp, useT } from '../state/app-context';
import { listeningLabel } from './listening-plan';

export function ListeningBar() {
  const t = useT();
  const handsFree = useApp((s) => s.settings?.listening.handsFree ?? false);
  const paused = useApp((s) => s.listeningPaused);
  const state = useApp((s) => s.listening);
  const playing = useApp((s) => s.playing);
  const micLive = useApp((s) => s.micLive);
  const setPaused = useApp((s) => s.setListeningPaused);
  if (!handsFree && !micLive) return null;
  const label = listeningLabel(handsFree, paused, state, playing);

  return (
    <section className="listening-bar" aria-label={t('listening.title')} data-state={label}>
      {micLive && (
        <span className="mic-live" data-testid="mic-live">
          <span className="mic-live-dot" aria-hidden="true" />
          {t('listening.micLive')}
        </span>
      )}
      <span className="listening-state" role="status" data-testid="listening-state">
        {t(`listening.state.${label}`)}
      </span>
      {handsFree && (
        <button type="button" className="secondary" aria-pressed={paused} onClick={() => setPaused(!paused)}>
          {paused ? t('listening.resume') : t('listening.pause')}
        </button>
      )}
    </section>
  );
}
