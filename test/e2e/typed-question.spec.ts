// Typing instead of speaking: Enter in the Message box asks the question; the reply streams in and
// is spoken; Space typed into the box stays a space.
import { expect, keepScreenshot, openEarshot, playback, test } from './support/fixtures';

const REPLY = 'The Moon is about three hundred and eighty thousand kilometres away.';

test.use({ ollamaScript: { reply: REPLY, perTokenDelayMs: 20 } });

test('a typed question is answered in the conversation and spoken', async ({ page, earshot, ollama }, testInfo) => {
  await openEarshot(page, earshot.url);
  const message = page.getByRole('textbox', { name: 'Message' });
  await message.click();
  await message.pressSequentially('How far is the Moon?');
  await expect(message).toHaveValue('How far is the Moon?');
  await expect(page.getByRole('button', { name: 'Talk' })).toHaveAttribute('aria-pressed', 'false');
  await message.press('Enter');

  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation).toContainText('You How far is the Moon?');
  await expect(conversation).toContainText(`Earshot ${REPLY}`);
  await expect(message).toHaveValue('');
  await expect.poll(async () => (await playback(page))?.chunksPlayed ?? 0).toBeGreaterThan(0);

  // What Ollama was asked ends with the question.
  // The streamed chat with messages (not a prompt prefill or a model load).
  const chat = ollama!.requests.find((r) => r.path === '/api/chat' && (r.body as { stream?: boolean }).stream === true);
  const messages = (chat?.body as { messages: { role: string; content: string }[] }).messages;
  expect(messages.at(-1)).toEqual({ role: 'user', content: 'How far is the Moon?' });
  await keepScreenshot(page, testInfo, 'typed-answer');
});

test('the conversation is still there after a reload', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url);
  await page.getByRole('textbox', { name: 'Message' }).fill('How far is the Moon?');
  await page.getByRole('button', { name: 'Send' }).click();
  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation).toContainText(REPLY);
  await page.reload();
  await expect(conversation).toContainText('You How far is the Moon?');
  await expect(conversation).toContainText(REPLY);
});
