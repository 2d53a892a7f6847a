import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { ErrorInfo } from '../../../src/shared/errors';
import { createListeningController } from '../../../src/renderer/src/listening/listening-controller';
import { CHIME_RATE, chimeSamples, createChimePlayer } from '../../../src/renderer/src/listening/chime';
import { listeningLabel, shouldStream, turnStarts } from '../../../src/renderer/src/listening/listening-plan';
import { createAppStore } from '../../../src/renderer/src/store/app-store';
import { FakeBridge } from './support/fake-bridge';

describe('listening plan', () => {
  it('streams only while hands-free is on, not paused, and main is connected', () => {
    expect(shouldStream({ handsFree: true, paused: false, connection: 'open' })).toBe(true);
    expect(shouldStream({ handsFree: false, paused: false, connection: 'open' })).toBe(false);
    expect(shouldStream({ handsFree: true, paused: true, connection: 'open' })).toBe(false);
    expect(shouldStream({ handsFree: true, paused: false, connection: 'lost' })).toBe(false);
  });

  it('says waiting, listening, thinking and speaking as main moves through a hands-free turn', () => {
    expect(listeningLabel(true, false, 'waiting', false)).toBe('waiting');
    expect(listeningLabel(true, false, 'capturing', false)).toBe('listening');
    expect(listeningLabel(true, false, 'answering', false)).toBe('thinking');
    expect(listeningLabel(true, false, 'answering', true)).toBe('speaking');
    expect(listeningLabel(true, false, 'follow-up', false)).toBe('listening');
    expect(listeningLabel(true, true, 'waiting', false)).toBe('paused');
    expect(listeningLabel(false, false, 'paused', false)).toBe('off');
  });

  it('shows a new turn when main begins one; the wake word silences a reply, the follow-up window does not', () => {
    expect(turnStarts('waiting', 'capturing')).toEqual({ show: true, stopPlayback: true });
    // the follow-up window holds no turn until someone speaks, and must not cut off the reply it follows
    expect(turnStarts('answering', 'follow-up')).toEqual({ show: false, stopPlayback: false });
    expect(turnStarts('answering', 'capturing')).toEqual({ show: true, stopPlayback: true });
    expect(turnStarts('follow-up', 'capturing')).toEqual({ show: true, stopPlayback: true });
    expect(turnStarts('capturing', 'answering')).toEqual({ show: false, stopPlayback: false });
  });
});

function setup(options: { openFails?: boolean } = {}) {
  const bridge = new FakeBridge();
  const store = createAppStore(['en-US']);
  const reported: ErrorInfo[] = [];
  const streams: Array<{ onFrame: (frame: Float32Array) => void; closed: boolean }> = [];
  const stopPlayback = vi.fn();
  const playChime = vi.fn();
  const controller = createListeningController({
    bridge,
    store,
    openStream: async (onFrame) => {
      if (options.openFails) throw new DOMException('denied', 'NotAllowedError');
      const stream = { onFrame, closed: false };
      streams.push(stream);
      return {
        close: async () => {
          stream.closed = true;
        },
      };
    },
    stopPlayback,
    playChime,
    report: (error) => reported.push(error),
    microphoneError: () => ({ code: 'permission_denied', message: 'The microphone was refused.' }),
  });
  const handsFree = (on: boolean, wakeChime = true) =>
    store.getState().setSettings({ ...DEFAULT_SETTINGS, listening: { ...DEFAULT_SETTINGS.listening, handsFree: on, wakeChime } });
  store.getState().setConnection('open');
  return { bridge, store, reported, streams, stopPlayback, playChime, controller, handsFree };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('listening controller', () => {
  it('keeps the microphone closed until hands-free is turned on, then sends each frame to main as it arrives', async () => {
    const { bridge, store, streams, handsFree } = setup();
    handsFree(false);
    await flush();
    expect(streams).toHaveLength(0);
    handsFree(true);
    await flush();
    expect(store.getState().micLive).toBe(true);
    // no regrouping: a frame is not held back waiting for the next one
    streams[0]?.onFrame(new Float32Array(1024).fill(0.25));
    const sent = bridge.requests.filter((r) => r.name === 'listening.audio');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.params.samples as Float32Array).toEqual(new Float32Array(1024).fill(0.25));
  });

  it('pausing closes the microphone, clears the live indicator and tells main; resuming opens it again', async () => {
    const { bridge, store, streams, controller, handsFree } = setup();
    handsFree(true);
    await flush();
    controller.pause();
    await flush();
    expect(streams[0]?.closed).toBe(true);
    expect(store.getState().micLive).toBe(false);
    expect(bridge.names()).toContain('listening.pause');
    controller.resume();
    await flush();
    expect(streams).toHaveLength(2);
    expect(store.getState().micLive).toBe(true);
  });

  it('a refused microphone is reported once and leaves listening paused', async () => {
    const { store, reported, handsFree } = setup({ openFails: true });
    handsFree(true);
    await flush();
    expect(reported.map((e) => e.code)).toEqual(['permission_denied']);
    expect(store.getState().listeningPaused).toBe(true);
    expect(store.getState().micLive).toBe(false);
  });

  it('main refusing the audio is reported once and stops the stream instead of flooding banners', async () => {
    const { bridge, store, reported, streams, handsFree } = setup();
    bridge.handlers.set('listening.audio', () => ({ ok: false, error: { code: 'invalid_input', message: 'Hands-free listening is off.' } }));
    handsFree(true);
    await flush();
    streams[0]?.onFrame(new Float32Array(1600 * 3));
    await flush();
    expect(reported).toHaveLength(1);
    expect(store.getState().listeningPaused).toBe(true);
    expect(streams[0]?.closed).toBe(true);
  });

  it('puts the turn main named on screen when it hears the wake word, and cuts the reply off on a barge-in', async () => {
    const { bridge, store, stopPlayback, handsFree } = setup();
    handsFree(true);
    bridge.emit('listening.state', { state: 'waiting', turnId: null });
    expect(store.getState().turn).toBeNull();
    bridge.emit('listening.state', { state: 'capturing', turnId: 'h1' });
    expect(store.getState().turn).toMatchObject({ kind: 'voice', turnId: 'h1' });
    store.getState().receiveTurnEvent({ type: 'state', turnId: 'h1', state: 'thinking' });
    bridge.emit('listening.state', { state: 'answering', turnId: 'h1' });
    // The wake word over the reply: main began h2.
    bridge.emit('listening.state', { state: 'capturing', turnId: 'h2' });
    expect(stopPlayback).toHaveBeenCalled();
    expect(store.getState().ignoredTurnIds).toContain('h1');
    expect(store.getState().turn?.turnId).toBe('h2');
  });

  it('chimes when the wake word wakes it, not when speech barges in or asks a follow-up, and not when the chime is off', () => {
    const { bridge, playChime, handsFree } = setup();
    handsFree(true);
    bridge.emit('listening.state', { state: 'waiting', turnId: null });
    bridge.emit('listening.state', { state: 'capturing', turnId: 'h1' });
    expect(playChime).toHaveBeenCalledTimes(1);
    bridge.emit('listening.state', { state: 'answering', turnId: 'h1' });
    bridge.emit('listening.state', { state: 'capturing', turnId: 'h2' });
    bridge.emit('listening.state', { state: 'answering', turnId: 'h2' });
    bridge.emit('listening.state', { state: 'follow-up', turnId: null });
    bridge.emit('listening.state', { state: 'capturing', turnId: 'h3' });
    expect(playChime).toHaveBeenCalledTimes(1);

    const quiet = setup();
    quiet.handsFree(true, false);
    quiet.bridge.emit('listening.state', { state: 'waiting', turnId: null });
    quiet.bridge.emit('listening.state', { state: 'capturing', turnId: 'h1' });
    expect(quiet.playChime).not.toHaveBeenCalled();
  });
});

describe('wake chime', () => {
  it('is short, audible and starts and ends in silence (no click)', () => {
    const samples = chimeSamples(CHIME_RATE);
    expect(samples.length / CHIME_RATE).toBeLessThanOrEqual(0.2);
    const peak = samples.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
    expect(peak).toBeGreaterThan(0.1);
    expect(peak).toBeLessThanOrEqual(0.3);
    expect(Math.abs(samples[0]!)).toBeLessThan(1e-3);
    expect(Math.abs(samples.at(-1)!)).toBeLessThan(1e-3);
  });

  it('plays those samples through the audio output, on one context however often it sounds', () => {
    const started: Float32Array[] = [];
    let contexts = 0;
    const fakeContext = () => {
      contexts++;
      return {
        state: 'running',
        destination: {},
        createBuffer: (_channels: number, length: number) => {
          const data = new Float32Array(length);
          return { copyToChannel: (from: Float32Array) => data.set(from), data };
        },
        createBufferSource: () => {
          const source = { buffer: null as { data: Float32Array } | null, connect: vi.fn(), start: () => started.push(source.buffer!.data) };
          return source;
        },
      } as unknown as AudioContext;
    };
    const play = createChimePlayer(fakeContext);
    play();
    play();
    expect(contexts).toBe(1);
    expect(started).toHaveLength(2);
    expect(started[0]).toEqual(chimeSamples(CHIME_RATE));
  });

  it('a broken audio output does not throw into the listening controller', () => {
    const play = createChimePlayer(() => {
      throw new Error('no audio device');
    });
    expect(() => play()).not.toThrow();
  });
});
