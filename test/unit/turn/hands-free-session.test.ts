import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListeningState } from '../../../src/shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings';
import { HandsFreeSession, type ListeningSettings } from '../../../src/main/core/turn/hands-free-session';
import { createHarness } from '../../support/assistant-harness';
import { MarkerWakeListener, wakeMarker } from '../../support/marker-wake-listener';
import { burstAudio, EnergyVad } from '../../support/scripted-engines';

const CHUNK = 1600;

function setup(listening: Partial<ListeningSettings> = { handsFree: true }) {
  const harness = createHarness({ tts: null });
  let current: ListeningSettings = { ...DEFAULT_SETTINGS.listening, ...listening };
  const opened: MarkerWakeListener[] = [];
  const states: ListeningState[] = [];
  const session = new HandsFreeSession({
    assistant: harness.assistant,
    vad: () => new EnergyVad(),
    openWake: async () => {
      const wake = new MarkerWakeListener();
      opened.push(wake);
      return wake;
    },
    listening: () => current,
  });
  session.onState((state) => states.push(state));
  const feed = async (audio: Float32Array) => {
    for (let at = 0; at < audio.length; at += CHUNK) await session.push(audio.slice(at, at + CHUNK));
  };
  return { harness, session, opened, states, feed, change: (patch: Partial<Settings['listening']>) => (current = { ...current, ...patch }) };
}

let disposers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const dispose of disposers) await dispose();
  disposers = [];
});

describe('HandsFreeSession', () => {
  it('refuses microphone audio while hands-free is off, saying where to turn it on', async () => {
    const { session, opened } = setup({ handsFree: false });
    await expect(session.push(new Float32Array(CHUNK))).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Settings') });
    expect(opened).toHaveLength(0);
  });

  it('waits for the wake word, hears the question that follows and answers it with no key pressed', async () => {
    const { harness, session, states, feed } = setup();
    disposers.push(() => session.pause());
    await feed(new Float32Array(CHUNK * 3));
    expect(session.current).toBe('waiting');
    await feed(wakeMarker());
    expect(session.current).toBe('capturing');
    await feed(burstAudio([{ speech: 1 }, { silence: 0.8 }]));
    expect(states).toContain('answering');
    await vi.waitFor(() => expect(harness.of('done')).toHaveLength(1), { timeout: 5000 });
    expect(harness.of('done')[0]?.result.transcript).toBe('What colour is the sky?');
    expect(states.slice(0, 3)).toEqual(['waiting', 'capturing', 'answering']);
  });

  it('pausing drops the question being heard, closes the listener and says so', async () => {
    const { harness, session, opened, states, feed } = setup();
    await feed(wakeMarker());
    await feed(burstAudio([{ speech: 0.5 }]));
    await session.pause();
    expect(session.current).toBe('paused');
    expect(states.at(-1)).toBe('paused');
    expect(opened[0]?.closed).toBe(true);
    expect(harness.assistant.activeTurnId).toBeNull();
  });

  it('a changed wake word or threshold starts a new listener with the new settings', async () => {
    const { session, opened, feed, change } = setup();
    disposers.push(() => session.pause());
    await feed(new Float32Array(CHUNK));
    change({ wakeThreshold: 0.8 });
    await feed(new Float32Array(CHUNK));
    expect(opened).toHaveLength(2);
    expect(opened[0]?.closed).toBe(true);
    expect(session.current).toBe('waiting');
  });
});
