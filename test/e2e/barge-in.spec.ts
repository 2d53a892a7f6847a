// Barge-in: pressing Talk while Earshot speaks silences it at once, stops the reply being written,
// keeps the interrupted answer (cut short) and starts listening to the new question.
import { STAND_IN_TRANSCRIPT } from './support/e2e-paths';
import { expect, keepScreenshot, openEarshot, playback, test, waitForMicrophone } from './support/fixtures';

const LONG_REPLY =
  'Once upon a time there was a lighthouse keeper. Every night he climbed the stairs to light the lamp. ' +
  'Ships passed safely through the storm because of him. One winter the lamp went out and he had to find oil. ' +
  'He walked across the frozen bay to the village. The villagers gave him everything they had. ' +
  'The baker gave him bread and the fisherman gave him a lantern for the long walk home. ' +
  'The wind was so strong that he had to stop behind every rock to catch his breath. ' +
  'Halfway across he heard the horn of a ship that was coming far too close to the cliffs. ' +
  'He ran the rest of the way, slipping on the ice, with the oil held tight against his chest. ' +
  'He returned before dawn and the light shone again. Nobody ever forgot that winter.';
const SHORT_REPLY = 'Sure, here is a shorter one.';

// ~140 tokens at 200 ms: the story is still being written for ~28 s, long after the press.
test.use({ ollamaScript: { reply: (request) => (request.messages.at(-1)?.content === 'Tell me a long story.' ? LONG_REPLY : SHORT_REPLY), perTokenDelayMs: 200 } });

test('pressing Talk while Earshot speaks stops it at once and starts a new turn', async ({ page, earshot, ollama }, testInfo) => {
  await openEarshot(page, earshot.url);
  await page.getByRole('textbox', { name: 'Message' }).fill('Tell me a long story.');
  await page.keyboard.press('Enter');

  // Wait until it is speaking.
  await expect.poll(async () => (await playback(page))?.playing ?? false).toBe(true);
  await expect(page.getByRole('status', { name: 'Assistant status' })).toHaveText('Speaking…');
  const before = (await playback(page))!;
  const storyTurn = before.turnId!;
  await keepScreenshot(page, testInfo, '1-speaking');

  const talk = page.getByRole('button', { name: 'Talk' });
  // The chat that writes the story (not a prompt prefill or a model load).
  const story = () => ollama!.requests.find((r) => r.path === '/api/chat' && (r.body as { messages?: { content: string }[] }).messages?.at(-1)?.content === 'Tell me a long story.');
  expect(story()?.finishedAt, 'the story is still being written when Talk is pressed').toBeNull();
  // The story's chunks scheduled at the instant of the press (before the page handles it).
  await page.evaluate(() => {
    const w = globalThis as unknown as {
      __earshotPlayback?: { chunksByTurn: Record<string, number> };
      __chunksAtPress?: Record<string, number>;
      addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
    };
    w.addEventListener('pointerdown', () => (w.__chunksAtPress = { ...w.__earshotPlayback?.chunksByTurn }), { capture: true, once: true });
  });
  await talk.hover();
  await page.mouse.down();
  // "At once" is shown by order, not by a wall-clock bound a loaded machine can miss: the press
  // stopped playback exactly once, and (checked below) not one more chunk of the story was
  // scheduled after the press, though it was still being written and spoken.
  await expect.poll(async () => (await playback(page))?.playing).toBe(false);
  expect((await playback(page))!.stops).toBe(before.stops + 1);
  await expect(page.getByRole('status', { name: 'Assistant status' })).toHaveText('Listening…');

  // The reply still being written was abandoned: Ollama saw the request go away.
  await expect.poll(() => story()?.abortedAt ?? null).not.toBeNull();
  const atPress = await page.evaluate(() => (globalThis as unknown as { __chunksAtPress?: Record<string, number> }).__chunksAtPress);
  expect(atPress?.[storyTurn] ?? 0).toBeGreaterThan(0);

  await waitForMicrophone(page);
  await page.waitForTimeout(2_500);
  await page.mouse.up();

  const conversation = page.getByRole('region', { name: 'Conversation' });
  const items = conversation.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText('Tell me a long story.');
  await expect(items.first()).toContainText('(cut short)');
  await expect(items.first()).not.toContainText('Nobody ever forgot that winter.');
  await expect(items.last()).toContainText(STAND_IN_TRANSCRIPT);
  await expect(items.last()).toContainText(SHORT_REPLY);
  // The new turn's reply was spoken, and no chunk of the interrupted story was scheduled after the press.
  await expect.poll(async () => Object.keys((await playback(page))!.chunksByTurn).filter((turnId) => turnId !== storyTurn)).toHaveLength(1);
  expect((await playback(page))!.chunksByTurn[storyTurn]).toBe(atPress![storyTurn]);
  await keepScreenshot(page, testInfo, '2-after-barge-in');
});
