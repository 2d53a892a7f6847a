// The status under Talk tells the truth and offers the fix in the app: Ollama down (Retry, which
// turns it green once Ollama answers), a chat model missing (Download model opens the setup check),
// a page with a wrong link (a clear refusal instead of "Connecting…" for ever). Banners name buttons,
// never commands to type. Each screen is axe-clean and kept as a screenshot (test-results/…; and,
// when EARSHOT_SCREENSHOTS names a folder, copied there with EARSHOT_SCREENSHOTS_PREFIX).
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startFakeOllama } from '../support/fake-ollama';
import { expect, openEarshot, recordTexts, test } from './support/fixtures';

async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.EARSHOT_SCREENSHOTS;
  const prefix = process.env.EARSHOT_SCREENSHOTS_PREFIX ?? '';
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  if (folder) await page.screenshot({ path: join(folder, `${prefix}${name}.png`), fullPage: false });
}

async function expectAxeClean(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const found = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `${name}: axe violations`).toEqual([]);
}

const status = (page: Page) => page.getByRole('status', { name: /^(Assistant status|Estado do assistente)$/ });
const talk = (page: Page) => page.getByRole('button', { name: 'Talk' });

test.describe('Ollama is not running', () => {
  test.use({ ollamaScript: 'down' });

  test('the status says so and Talk does not pretend to listen; Retry turns it green once Ollama answers', async ({ page, earshot }) => {
    test.slow(); // two axe passes and a fake Ollama started mid-test on a shared machine
    await openEarshot(page, earshot.url, { ready: false });
    await expect(status(page)).toHaveText('Can’t answer yet: Ollama is not running. Start the Ollama app, then press Retry.');
    await expect(talk(page)).toHaveAttribute('aria-disabled', 'true');

    // Holding Talk does nothing: no "Listening…", no question in the conversation.
    const said = await recordTexts(page, '.talk-status .state');
    await talk(page).hover();
    await page.mouse.down();
    await page.mouse.up();
    await page.keyboard.press('Tab'); // a moment for anything the press would have started
    expect(await said()).not.toContain('Listening…');
    await expect(page.getByRole('region', { name: 'Conversation' }).getByText('You', { exact: true })).toHaveCount(0);

    // A typed question's banner names the button that fixes it, and no command.
    await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
    await page.keyboard.press('Enter');
    const banner = page.locator('[data-banner="llm_unreachable"]');
    await expect(banner).toHaveRole('alert');
    await expect(banner).toContainText('Ollama is not running at http://127.0.0.1:');
    await expect(banner).toContainText('Start the Ollama app, then press Retry.');
    await expect(banner.getByRole('button', { name: 'Retry' })).toBeVisible();
    await expect(page.locator('main code')).toHaveCount(0);
    await expect(page.getByText(/ollama serve|npm run/)).toHaveCount(0);
    await expectAxeClean(page, 'ollama down');
    await shoot(page, 'status-ollama-down');

    // The same in Portuguese.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('pt');
    await page.getByRole('dialog', { name: 'Configurações' }).getByRole('button', { name: 'Fechar' }).click();
    await expect(status(page)).toHaveText('Ainda não dá para responder: o Ollama não está rodando. Abra o aplicativo Ollama e toque em Tentar de novo.');
    await expect(banner).toContainText('Abra o aplicativo Ollama e toque em Tentar de novo.');
    await shoot(page, 'status-ollama-down-pt');
    await page.getByRole('button', { name: 'Configurações' }).click();
    await page.getByRole('dialog', { name: 'Configurações' }).getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Close' }).click();

    // Ollama starts where Earshot looks for it; Retry finds it and Talk is ready.
    const host = (await page.getByRole('region', { name: 'Before you start' }).locator('[data-check="ollama"]').innerText()).match(/http:\/\/127\.0\.0\.1:(\d+)/);
    expect(host).not.toBeNull();
    const ollama = await startFakeOllama({}, { port: Number(host![1]) });
    try {
      await banner.getByRole('button', { name: 'Retry' }).click();
      await expect(status(page)).toHaveText('Ready');
      await expect(banner).toBeHidden();
      await expect(talk(page)).not.toHaveAttribute('aria-disabled', 'true');
    } finally {
      await ollama.close();
    }
  });
});

test.describe('the chat model is not installed', () => {
  test.use({ ollamaScript: { models: ['nomic-embed-text:latest'] } });

  test('the status says which model, and Download model opens the setup check at its download', async ({ page, earshot }) => {
    await openEarshot(page, earshot.url, { ready: false });
    await expect(status(page)).toHaveText('Can’t answer yet: the chat model llama3.2:3b is not installed. Download it, or pick one that is installed.');
    await expect(talk(page)).toHaveAttribute('aria-disabled', 'true');
    // The whole Talk area in view, status and its button included.
    await page.locator('.talk-bar').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await shoot(page, 'status-model-missing');
    // Hidden first, so the button has to bring it back.
    const check = page.getByRole('region', { name: 'Before you start' });
    await check.getByRole('button', { name: 'Hide' }).click();
    await expect(check).toBeHidden();
    await page.locator('.talk-status').getByRole('button', { name: 'Download model' }).click();
    await expect(check).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Before you start' })).toBeFocused();
    await expect(check.getByRole('button', { name: 'Download llama3.2:3b' })).toBeVisible();
    await expectAxeClean(page, 'chat model missing');
    await shoot(page, 'status-model-missing-setup-opened');
  });
});

test.describe('a page opened with a wrong link', () => {
  test('says Earshot turned it away and what to open instead, not "Connecting…" for ever', async ({ page, earshot, pageProblems }) => {
    await page.goto(earshot.url.replace(/token=[^&]+/, 'token=not-this-one'));
    const alert = page.getByRole('alert').filter({ hasText: 'Earshot turned this page away' });
    await expect(alert).toContainText('Open the address Earshot printed when it started');
    await expect(status(page)).toHaveText('Not connected: Earshot turned this page away (see the message above).');
    await expect(page.getByText('Connecting to Earshot…')).toHaveCount(0);
    await expect(talk(page)).toHaveAttribute('aria-disabled', 'true');
    // One banner says it all; no second one telling the person to reload a page that cannot work.
    await expect(page.getByRole('alert')).toHaveCount(1);
    await expectAxeClean(page, 'wrong link');
    await shoot(page, 'bad-token');
    // The browser logs the refused WebSocket itself; that is this test's point, not a page fault.
    const refused = /WebSocket connection to .*token=not-this-one.* failed/;
    expect(pageProblems.length).toBeGreaterThan(0);
    pageProblems.splice(0, pageProblems.length, ...pageProblems.filter((p) => !refused.test(p)));
  });
});
