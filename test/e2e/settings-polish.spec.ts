// The settings panel's small promises: "Saved." speaks only of the change just made (not of an
// earlier visit, not of an edit still being typed), and every cache's Clear button is whole inside
// the panel, in English and Portuguese. Axe-clean; kept as a screenshot (see status-truth.spec.ts
// for EARSHOT_SCREENSHOTS).
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, openEarshot, test } from './support/fixtures';

async function shoot(page: Page, name: string): Promise<void> {
  const folder = process.env.EARSHOT_SCREENSHOTS;
  const prefix = process.env.EARSHOT_SCREENSHOTS_PREFIX ?? '';
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  if (folder) await page.screenshot({ path: join(folder, `${prefix}${name}.png`), fullPage: false });
}

/** How far each button sticks out past the visible box around it (0 when it is whole). */
async function overhang(buttons: Locator): Promise<number[]> {
  return buttons.evaluateAll((els) =>
    els.map((el) => {
      const box = el.getBoundingClientRect();
      const scroller = el.closest('.cache-stats')!.getBoundingClientRect();
      const dialog = el.closest('dialog')!.getBoundingClientRect();
      return Math.max(0, Math.round(box.right - Math.min(scroller.right, dialog.right)));
    }),
  );
}

test('"Saved." is about the change just made, and the Clear buttons are whole', async ({ page, earshot }) => {
  test.slow(); // an axe pass and a language switch on a shared machine
  await openEarshot(page, earshot.url);
  // One answer, so the caches have something to show and to clear.
  await page.getByRole('textbox', { name: 'Message' }).fill('Hello');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reply').last()).not.toBeEmpty();
  await expect(page.getByRole('status', { name: 'Assistant status' })).toHaveText('Ready');

  const settings = page.getByRole('button', { name: 'Settings' });
  await settings.click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const saved = dialog.locator('.settings-header').getByRole('status');
  const beam = dialog.getByRole('spinbutton', { name: 'Beam size' });
  await beam.fill('2');
  await beam.press('Enter');
  await expect(saved).toHaveText('Saved.');
  // Typing the next change: it is not saved yet, so nothing claims it is.
  const cap = dialog.getByRole('spinbutton', { name: /Token cap/ });
  await cap.fill('180');
  await expect(saved).toHaveText('');
  await cap.press('Enter');
  await expect(saved).toHaveText('Saved.');
  // Closed and opened again: the earlier "Saved." is not shown as if it were news.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await settings.click();
  await expect(dialog).toBeVisible();
  await expect(saved).toHaveText('');

  const table = dialog.getByRole('table', { name: 'Cache statistics' });
  await table.scrollIntoViewIfNeeded();
  const clear = table.getByRole('button', { name: /^Clear / });
  await expect(clear).toHaveCount(3);
  expect(await overhang(clear)).toEqual([0, 0, 0]);
  const answers = table.locator('tr[data-cache="response"]');
  await expect(answers.locator('td').nth(3)).not.toHaveText('0');
  await table.getByRole('button', { name: 'Clear Answers' }).click();
  await expect(answers.locator('td').nth(3)).toHaveText('0');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await shoot(page, 'settings-clear');

  // Portuguese names are longer; the buttons still fit.
  await dialog.getByRole('combobox', { name: 'Language' }).selectOption('pt');
  const pt = page.getByRole('dialog', { name: 'Configurações' }).getByRole('table');
  await expect(pt.getByRole('button', { name: /^Limpar / })).toHaveCount(3);
  await pt.scrollIntoViewIfNeeded();
  expect(await overhang(pt.getByRole('button', { name: /^Limpar / }))).toEqual([0, 0, 0]);
  await shoot(page, 'settings-clear-pt');
});
