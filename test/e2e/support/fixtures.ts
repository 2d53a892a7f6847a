// The end-to-end fixtures: a fake Ollama (scripted per test, or "down"), the browser host in front
// of it, and helpers that act and look the way a person would.
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { startFakeOllama, type FakeOllama, type FakeOllamaScript } from '../../support/fake-ollama';
import { closedPort, startEarshotHost, type EarshotHost } from './earshot-host';

export interface E2EOptions {
  /** The fake Ollama's script, or "down" for no Ollama at all. */
  ollamaScript: Partial<FakeOllamaScript> | 'down';
  /** The stand-in speech models, or an empty models folder. */
  models: 'stand-ins' | 'none';
}

export interface E2EFixtures {
  ollama: FakeOllama | null;
  earshot: EarshotHost;
  /** Uncaught page errors and console errors (a CSP violation, a missing file): none are expected. */
  pageProblems: string[];
}

export const test = base.extend<E2EOptions & E2EFixtures>({
  ollamaScript: [{}, { option: true }],
  models: ['stand-ins', { option: true }],
  ollama: async ({ ollamaScript }, use) => {
    if (ollamaScript === 'down') return use(null);
    const ollama = await startFakeOllama(ollamaScript);
    await use(ollama);
    await ollama.close();
  },
  pageProblems: [
    // Depends on earshot so it is checked before the host stops (the page then reports the lost connection).
    async ({ page, earshot: _host }, use) => {
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
      });
      await use(problems);
      expect(problems, 'the page logged errors').toEqual([]);
    },
    { auto: true },
  ],
  earshot: async ({ ollama, models }, use, testInfo) => {
    const llmHost = ollama?.url ?? `http://127.0.0.1:${await closedPort()}`;
    const modelsDir = models === 'none' ? testInfo.outputPath('no-models') : undefined;
    const host = await startEarshotHost({ llmHost, dataDir: testInfo.outputPath('data'), logFile: testInfo.outputPath('host.log'), modelsDir });
    await use(host);
    await host.stop();
  },
});

export { expect };

/** Playback counters the page publishes (src/renderer/src/audio/speaker.ts). */
export interface Playback {
  chunksScheduled: number;
  /** Chunks scheduled, by turn id. */
  chunksByTurn: Record<string, number>;
  secondsScheduled: number;
  chunksPlayed: number;
  gaps: number;
  stops: number;
  playing: boolean;
  turnId: string | null;
}

export async function playback(page: Page): Promise<Playback | null> {
  return page.evaluate(() => (globalThis as unknown as { __earshotPlayback?: Playback }).__earshotPlayback ?? null);
}

/**
 * Opens the page and waits until it is connected and has checked what is installed: then the status
 * under Talk says "Ready", or (with `ready: false`, for a test where something is missing) what
 * stands in the way.
 */
export async function openEarshot(page: Page, url: string, options: { ready?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('button', { name: 'Talk' })).toBeVisible();
  await expect(page.getByText('Connecting to Earshot…')).toHaveCount(0);
  const status = page.getByRole('status', { name: 'Assistant status' });
  if (options.ready === false) await expect(status).not.toHaveAttribute('data-problem', /^(connecting|checking)$/);
  else await expect(status).toHaveText('Ready');
}

/** Waits until the microphone is live: the level meter moves with the question being played. */
export async function waitForMicrophone(page: Page): Promise<void> {
  const meter = page.getByRole('meter', { name: 'Microphone level' });
  await expect.poll(async () => Number(await meter.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0.05);
}

/**
 * Holds Talk (the mouse on the button, or a key) the way a person does: press, wait until the
 * meter shows the microphone hears them, speak for `speakMs`, let go.
 */
export async function holdTalk(page: Page, options: { speakMs?: number; key?: 'Space' | 'Enter'; whileHeld?: () => Promise<void> } = {}): Promise<void> {
  const talk = page.getByRole('button', { name: 'Talk' });
  if (options.key) {
    await page.keyboard.down(options.key);
  } else {
    await talk.hover();
    await page.mouse.down();
  }
  await expect(talk).toHaveAttribute('aria-pressed', 'true');
  await waitForMicrophone(page);
  const started = Date.now();
  await options.whileHeld?.();
  await page.waitForTimeout(Math.max(0, (options.speakMs ?? 2_500) - (Date.now() - started)));
  if (options.key) await page.keyboard.up(options.key);
  else await page.mouse.up();
  await expect(talk).toHaveAttribute('aria-pressed', 'false');
}

/**
 * Starts recording, inside the page, every text the last element matching `selector` shows, read on
 * each change of the page. Polling the text from the test process missed the tokens that arrived
 * between two reads whenever the machine was busy; an observer in the page sees every render.
 * Returns a reader of the texts recorded so far.
 */
export async function recordTexts(page: Page, selector: string): Promise<() => Promise<string[]>> {
  await page.evaluate((sel) => {
    interface Node {
      textContent: string | null;
    }
    const g = globalThis as unknown as {
      __recordedTexts?: string[];
      document: { body: unknown; querySelectorAll(selector: string): ArrayLike<Node> };
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: Record<string, boolean>): void };
    };
    const seen: string[] = [];
    g.__recordedTexts = seen;
    const record = () => {
      const all = g.document.querySelectorAll(sel);
      const text = (all[all.length - 1]?.textContent ?? '').trim();
      if (text !== seen.at(-1)) seen.push(text);
    };
    new g.MutationObserver(record).observe(g.document.body, { subtree: true, childList: true, characterData: true });
  }, selector);
  return () => page.evaluate(() => (globalThis as unknown as { __recordedTexts?: string[] }).__recordedTexts ?? []);
}

/** A full-page screenshot kept with the test's results (test-results/e2e/<test>/<name>.png). */
export async function keepScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}
