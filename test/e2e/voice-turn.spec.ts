// Speaking to Earshot: hold Talk (or Space) while the fake microphone plays a question; the
// transcript shows, the reply streams in word by word, and its audio is played and reported back.
import { HELD_TRANSCRIPT, STAND_IN_TRANSCRIPT } from './support/e2e-paths';
import { expect, holdTalk, keepScreenshot, openEarshot, playback, recordTexts, test } from './support/fixtures';

const REPLY = 'Paris is the capital of France. It sits on the river Seine.';

test.use({ ollamaScript: { reply: REPLY, firstTokenDelayMs: 100, perTokenDelayMs: 70 } });

test('hold Talk: the question is heard and transcribed, the reply streams in and is spoken', async ({ page, earshot }, testInfo) => {
  await openEarshot(page, earshot.url);
  const replyTexts = await recordTexts(page, '[data-testid="reply"]');
  // holdTalk waits for the level meter to move: the microphone hears the question.
  await holdTalk(page, {
    whileHeld: async () => {
      await expect(page.getByRole('status', { name: 'Assistant status' })).toHaveText('Listening…');
      await keepScreenshot(page, testInfo, '1-holding-talk');
    },
  });

  const conversation = page.getByRole('region', { name: 'Conversation' });
  await expect(conversation.getByTestId('live-transcript')).toHaveText(HELD_TRANSCRIPT);

  // Tokens are shown as they arrive: the reply grows through partial text before it is whole.
  await expect(conversation.getByTestId('reply').last()).toHaveText(REPLY);
  const seen = await replyTexts();
  const partial = seen.filter((text) => text !== '' && text !== '…' && text !== REPLY);
  expect(partial.length).toBeGreaterThan(2);
  expect(partial.every((text) => REPLY.startsWith(text))).toBe(true);

  // The answer is played: audio chunks scheduled back to back and played to the end.
  await expect.poll(async () => (await playback(page))?.chunksPlayed ?? 0).toBeGreaterThan(0);
  const played = await playback(page);
  expect(played!.secondsScheduled).toBeGreaterThan(0.5);
  expect(played!.gaps).toBe(0);

  // The page reported when playback started (turn.played): main's marks give voice-to-voice latency.
  await page.getByRole('button', { name: 'Latency' }).click();
  const latency = page.getByRole('region', { name: 'Latency' });
  await expect(latency).toContainText(/Voice to voice: [\d,]+ ms/);
  await expect(latency.getByRole('row', { name: /Speech to text/ })).toBeVisible();
  await expect(conversation).toContainText(`You ${STAND_IN_TRANSCRIPT}`);
  await expect(conversation).toContainText(`Earshot ${REPLY}`);
  await keepScreenshot(page, testInfo, '2-answered');
});

test('holding the Space bar works Talk too, and a second turn joins the conversation', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url);
  for (let turn = 1; turn <= 2; turn++) {
    await holdTalk(page, { key: 'Space' });
    await expect(page.getByRole('region', { name: 'Conversation' }).getByRole('listitem')).toHaveCount(turn);
    await expect(page.getByRole('region', { name: 'Conversation' }).getByRole('listitem').last()).toContainText(REPLY, { timeout: 30_000 });
  }
  await page.getByRole('button', { name: 'Latency' }).click();
  await expect(page.getByRole('region', { name: 'Latency' }).getByRole('combobox', { name: 'Turn' }).locator('option')).toHaveCount(2);
});
