// Every screen a person sees — main with conversations and a formatted reply, the latency view,
// settings, and the first run with nothing installed — has no serious or critical axe problem, and
// is kept as a screenshot (test-results/…; and, when EARSHOT_SCREENSHOTS names a folder, copied
// there with EARSHOT_SCREENSHOTS_PREFIX, as the before/after set in docs/screenshots was made).
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, openEarshot, test } from './support/fixtures';

async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.EARSHOT_SCREENSHOTS;
  const prefix = process.env.EARSHOT_SCREENSHOTS_PREFIX ?? '';
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  if (folder) await page.screenshot({ path: join(folder, `${prefix}${name}.png`), fullPage: false });
}

async function expectAxeClean(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `${name}: axe violations`).toEqual([]);
}

test.describe('with a markdown reply', () => {
  test.use({ ollamaScript: { reply: 'Here is a **plan**:\n\n- buy milk\n- call Ana\n\n`npm start` runs it.' } });

  test('main view, latency and settings', async ({ page, earshot }) => {
    test.slow(); // three axe passes on a shared machine
    await openEarshot(page, earshot.url);
    await page.getByRole('textbox', { name: 'Message' }).fill('Plan my day');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('reply').last()).toContainText('milk');
    await expect(page.getByRole('status', { name: 'Assistant status' })).toHaveText('Ready', { timeout: 30_000 });
    await expectAxeClean(page, 'main');
    await shoot(page, 'main');
    await page.getByRole('button', { name: 'Latency' }).click();
    await expect(page.getByRole('region', { name: 'Latency' })).toBeVisible();
    await expectAxeClean(page, 'latency');
    await page.getByRole('region', { name: 'Latency' }).scrollIntoViewIfNeeded();
    await shoot(page, 'latency');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
    await expectAxeClean(page, 'settings');
    await shoot(page, 'settings');
  });
});

test.describe('first run with nothing installed', () => {
  test.use({ ollamaScript: 'down', models: 'none' });

  test('setup', async ({ page, earshot }) => {
    await page.goto(earshot.url);
    await expect(page.getByRole('region', { name: 'Before you start' })).toBeVisible();
    await expect(page.getByRole('button', { name: /^Download whisper-base/ })).toBeVisible();
    await expectAxeClean(page, 'setup');
    await shoot(page, 'first-run');
  });
});
