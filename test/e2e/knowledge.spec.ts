// Documents: a folder added by its typed path in Settings → Documents is indexed (progress to the
// end), and a typed question it answers shows the file as a source chip under the reply, still
// there after the page reloads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, keepScreenshot, openEarshot, test } from './support/fixtures';

const REPLY = 'Descale it every two months with citric acid.';

test.use({ ollamaScript: { reply: REPLY } });

test('a folder added by path answers a question, with the file as a source chip', async ({ page, earshot }, testInfo) => {
  const folder = testInfo.outputPath('manuals');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'espresso.md'), '# Espresso machine\n\nDescale the espresso machine every two months with citric acid.\n');
  writeFileSync(join(folder, 'garden.md'), '# Garden\n\nWater the tomato plants early in the morning, never at noon.\n');

  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByRole('textbox', { name: 'Path of a file or folder' }).fill(folder);
  await settings.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(settings.getByTestId('knowledge-progress')).toContainText('Indexing finished: 2 files');
  await expect(settings.getByTestId('knowledge-sources')).toContainText('2 files');
  await keepScreenshot(page, testInfo, 'documents-indexed');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  const message = page.getByRole('textbox', { name: 'Message' });
  await message.fill('How often should I descale the espresso machine?');
  await message.press('Enter');
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation).toContainText(REPLY);
  await expect(conversation.getByTestId('source-chips').last()).toContainText('espresso.md');
  await keepScreenshot(page, testInfo, 'source-chip');

  // The reply comes back from history after a reload, and its chip with it.
  await page.reload();
  await expect(conversation).toContainText(REPLY);
  await expect(conversation.getByTestId('source-chips').last()).toContainText('espresso.md');
});
