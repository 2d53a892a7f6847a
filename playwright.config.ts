// End-to-end tests: Debian's Chromium (no downloaded browser) against the browser host
// (`npm run web`), with a fake Ollama, stand-in models and a fake microphone that plays a spoken
// question recorded by espeak-ng (test/e2e/global-setup.ts). Artifacts go to test-results/e2e.
import { defineConfig } from '@playwright/test';
import { E2E_PATHS } from './test/e2e/support/e2e-paths';

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  globalSetup: './test/e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  // One worker: each test runs a host with Whisper, TTS and a browser, and two of them at once on a
  // 2-core machine starved each other into timeouts.
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'test-results/e2e-report', open: 'never' }], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'en-US',
    viewport: { width: 1100, height: 900 },
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${E2E_PATHS.microphone}`,
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
  },
});
