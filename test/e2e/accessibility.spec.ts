// Accessibility: axe finds no serious or critical problems on the main view and in the settings
// panel, in light and dark; the names people and scripts rely on are there; Talk works by keyboard.
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, holdTalk, keepScreenshot, openEarshot, test } from './support/fixtures';

async function expectNoSeriousViolations(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  await testInfo.attach(`axe-${name}.json`, { body: JSON.stringify(results.violations, null, 2), contentType: 'application/json' });
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious, `${name}: axe violations`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme, ollamaScript: { reply: 'Hello! How can I help?' } });

    test('main view and settings panel have no serious or critical axe violations', async ({ page, earshot }, testInfo) => {
      test.slow(); // two axe passes on a shared machine
      await openEarshot(page, earshot.url);
      await page.getByRole('textbox', { name: 'Message' }).fill('Hello');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Latency' }).click();
      await expect(page.getByRole('region', { name: 'Latency' })).toContainText('Response cache');
      await expectNoSeriousViolations(page, testInfo, `main-${colorScheme}`);
      await keepScreenshot(page, testInfo, `main-${colorScheme}`);

      await page.getByRole('button', { name: 'Settings' }).click();
      await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
      await expectNoSeriousViolations(page, testInfo, `settings-${colorScheme}`);
      await keepScreenshot(page, testInfo, `settings-${colorScheme}`);
    });
  });
}

test('the named controls are there and Talk works from the keyboard', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url);
  await expect(page.getByRole('button', { name: 'Talk' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conversation', exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New conversation' })).toBeVisible();

  // Tab to Talk and hold Enter.
  const talk = page.getByRole('button', { name: 'Talk' });
  await talk.focus();
  await expect(talk).toBeFocused();
  await holdTalk(page, { key: 'Enter' });
  await expect(page.getByRole('region', { name: 'Conversation', exact: true }).locator('.exchange')).toHaveCount(1, { timeout: 30_000 });

  await page.getByRole('button', { name: 'Settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('spinbutton', { name: 'Beam size' })).toBeVisible();
});
