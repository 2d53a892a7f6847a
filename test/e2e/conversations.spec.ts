// Conversations as a person uses them: replies shown as formatted text, a new conversation the
// model starts fresh in, search across turns, rename, export, delete with undo; the latency view
// only behind its button.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, keepScreenshot, openEarshot, test } from './support/fixtures';

const MARKDOWN_REPLY = 'Here is a **plan**:\n\n- buy milk\n- call Ana\n\n<img src=x onerror="window.__pwned=1">`npm start` runs it.';

async function ask(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Message' }).fill(text);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Conversation', exact: true }).getByText(text)).toBeVisible();
  await expect(page.getByRole('status', { name: 'Assistant status' })).toHaveText('Ready', { timeout: 30_000 });
}

test.use({ ollamaScript: { reply: MARKDOWN_REPLY } });

test('replies are formatted safely, and announced once complete', async ({ page, earshot }, testInfo) => {
  await openEarshot(page, earshot.url);
  await ask(page, 'Plan my day');
  const reply = page.getByTestId('reply').last();
  await expect(reply.getByRole('listitem')).toHaveText(['buy milk', 'call Ana']);
  await expect(reply.locator('strong')).toHaveText('plan');
  await expect(reply.locator('code')).toHaveText('npm start');
  await expect(reply).not.toContainText('**');
  await expect(reply.locator('img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.getByTestId('reply-announcer')).toContainText('buy milk');
  await keepScreenshot(page, testInfo, 'markdown-reply');
});

test('a new conversation, search, rename, export and delete with undo', async ({ page, earshot }, testInfo) => {
  test.slow(); // two full turns and a reload
  await openEarshot(page, earshot.url);
  const list = page.getByRole('navigation', { name: 'Conversations' });
  const conversation = page.getByRole('region', { name: 'Conversation', exact: true });
  await ask(page, 'Plan my day');
  await expect(list.getByRole('button', { name: /Plan my day/ })).toHaveAttribute('aria-current', 'true');

  await list.getByRole('button', { name: 'New conversation' }).click();
  await expect(conversation.locator('.exchange')).toHaveCount(0);
  await ask(page, 'What about tomorrow');
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(conversation.getByText('Plan my day')).toHaveCount(0);

  await list.getByRole('searchbox', { name: 'Search conversations' }).fill('plan my');
  const results = list.getByRole('region', { name: 'Search results' });
  await expect(results.getByRole('button')).toHaveCount(1);
  await results.getByRole('button', { name: /Plan my day/ }).click();
  await expect(conversation.getByText('Plan my day')).toBeVisible();
  await expect(conversation.getByText('What about tomorrow')).toHaveCount(0);

  await list.getByRole('button', { name: 'Rename' }).click();
  await list.getByRole('textbox', { name: 'Conversation name' }).fill('Groceries');
  await page.keyboard.press('Enter');
  await expect(list.getByRole('button', { name: /Groceries/ })).toHaveAttribute('aria-current', 'true');

  const download = page.waitForEvent('download');
  await list.getByRole('button', { name: 'Export Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^groceries-\d{4}-\d\d-\d\d\.md$/);
  const text = await readFile((await file.path())!, 'utf8');
  expect(text).toMatch(/^# Groceries\n/);
  expect(text).toContain('**You:** Plan my day');
  await keepScreenshot(page, testInfo, 'conversations');

  await list.getByRole('button', { name: 'Delete' }).click();
  await expect(list.getByRole('status')).toContainText('Deleted “Groceries”');
  await expect(list.getByRole('button', { name: /Groceries/ })).toHaveCount(0);
  await expect(conversation.getByText('Plan my day')).toHaveCount(0);
  await list.getByRole('button', { name: 'Undo' }).click();
  await expect(list.getByRole('button', { name: /Groceries/ })).toHaveAttribute('aria-current', 'true');
  await expect(conversation.getByText('Plan my day')).toBeVisible();

  // After a reload the list and names are still there: they live in main, not the page.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name: /Groceries/ })).toBeVisible();
});

test('the latency view waits behind its button', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url);
  await expect(page.getByRole('button', { name: 'Latency' })).toHaveCount(0);
  await ask(page, 'Plan my day');
  const button = page.getByRole('button', { name: 'Latency' });
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('region', { name: 'Latency' })).toHaveCount(0);
  await button.click();
  await expect(page.getByRole('region', { name: 'Latency' })).toContainText('Response cache');
  // Every bar's track starts and ends at the same place whatever its label and value.
  const tracks = await page.locator('.bar-track').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().right)));
  expect(new Set(tracks).size).toBe(1);
});
