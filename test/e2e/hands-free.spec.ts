// Hands-free: with the switch on, the window's microphone (a looped recording of "Hey Jarvis … what
// is the capital of France?", a pause, then "And what about Spain?") gets an answer with no key
// pressed, the follow-up is answered without the wake word, and the voice coming round again
// while the second reply plays barges in: playback stops and the reply being written is dropped.
import { E2E_PATHS } from './support/e2e-paths';
import { expect, keepScreenshot, openEarshot, playback, recordTexts, test } from './support/fixtures';

const FIRST_REPLY = 'Paris is the capital of France.';
const SLOW_REPLY =
  'Madrid is the capital of Spain. It sits on a high plateau in the middle of the country, and it has been the capital since the sixteenth century. ' +
  'Its royal palace, its museums and its wide avenues draw visitors all year, and its summers are hot and dry while its winters are cool and clear. ' +
  'Its old town is full of small squares, markets and cafés, and its parks are among the largest in Europe.';

test.use({
  // The follow-up's prompt holds the first exchange. Its reply (~80 tokens at 300 ms) is still
  // being written when the loop says "Hey Jarvis" again, ~24 s after the first question.
  ollamaScript: { reply: (request) => (isFollowUp(request.messages) ? SLOW_REPLY : FIRST_REPLY), perTokenDelayMs: 300 },
  launchOptions: {
    executablePath: process.env.EARSHOT_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${E2E_PATHS.handsFreeMicrophone}`,
      '--autoplay-policy=no-user-gesture-required',
    ],
  },
});

function isFollowUp(messages: readonly { role: string }[] | undefined): boolean {
  return (messages ?? []).some((message) => message.role === 'assistant');
}

test('the wake word starts a turn with no key pressed, a follow-up needs no wake word, and speaking over a reply barges in', async ({ page, earshot, ollama }, testInfo) => {
  test.setTimeout(150_000);
  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  // The switch shows what main saved, so it turns checked once main has it.
  // The follow-up comes 9 s after the first question, in the recording's pause. How soon the first
  // reply ends depends on how busy the machine is, so the window is made long enough that the
  // follow-up falls inside it either way (the default 6 s window is the talk machine's tests' to check).
  const window = dialog.getByRole('spinbutton', { name: 'Follow-up window (seconds)' });
  await window.fill('20');
  await window.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  const handsFree = dialog.getByRole('checkbox', { name: 'Hands-free listening' });
  await handsFree.click();
  await expect(handsFree).toBeChecked();
  await page.keyboard.press('Escape');

  await expect(page.getByTestId('mic-live')).toHaveText('Microphone on');
  // What the listening bar said, in order: a follow-up that needed no wake word never passes
  // through "Waiting for the wake word" between the first reply and its own question.
  const states = await recordTexts(page, '[data-testid="listening-state"]');
  await expect(page.getByTestId('listening-state')).toHaveText(/Waiting for the wake word|Listening…|Thinking…|Speaking…/);
  await keepScreenshot(page, testInfo, '1-listening');

  // A turn's chat ends with the user's question; the prefill of the prompt's stable start (system
  // prompt and history only) sent as a turn begins is not one.
  // A streamed chat ending with the user's words (a prompt prefill streams nothing).
  const asksQuestion = (body: unknown) => {
    const chat = body as { messages?: { role: string }[]; stream?: boolean } | undefined;
    return chat?.stream === true && chat?.messages?.at(-1)?.role === 'user';
  };
  const chats = () => ollama!.requests.filter((r) => r.path === '/api/chat' && asksQuestion(r.body));
  // The first question is answered: no key was pressed, the wake word began the turn.
  // In the conversation (the screen-reader announcer repeats a finished reply, hidden).
  await expect(page.getByTestId('reply').filter({ hasText: FIRST_REPLY })).toBeVisible({ timeout: 60_000 });
  await keepScreenshot(page, testInfo, '2-answered');

  // The follow-up is answered without the wake word: it was asked in the recording's pause, long
  // before the loop comes round to "Hey Jarvis" again.
  await expect(page.getByTestId('reply').filter({ hasText: /Madrid is the capital of Spain/ })).toBeVisible({ timeout: 30_000 });
  const messagesOf = (body: unknown) => (body as { messages?: { role: string }[] } | undefined)?.messages;
  const first = chats().find((r) => !isFollowUp(messagesOf(r.body)))!;
  const followUp = chats().find((r) => isFollowUp(messagesOf(r.body)))!;
  expect(followUp.receivedAt).toBeGreaterThan(first.receivedAt);
  const seen = await states();
  const firstSpoken = seen.indexOf('Speaking…');
  const followUpAsked = seen.indexOf('Thinking…', firstSpoken);
  expect(firstSpoken).toBeGreaterThan(-1);
  expect(followUpAsked).toBeGreaterThan(firstSpoken);
  expect(seen.slice(firstSpoken, followUpAsked)).not.toContain('Waiting for the wake word');
  await expect.poll(async () => (await playback(page))?.playing ?? false, { timeout: 20_000 }).toBe(true);
  const before = (await playback(page))!;
  await keepScreenshot(page, testInfo, '3-follow-up-speaking');

  // The recording comes round to "Hey Jarvis": a voice over the reply stops it (its first sound,
  // before the wake word is even recognised) and the reply's generation is dropped.
  await expect.poll(async () => (await playback(page))?.stops ?? 0, { timeout: 40_000 }).toBeGreaterThan(before.stops);
  await expect.poll(() => followUp.abortedAt, { timeout: 10_000 }).not.toBeNull();
  await keepScreenshot(page, testInfo, '4-barged-in');

  await page.getByRole('button', { name: 'Pause microphone' }).click();
  await expect(page.getByTestId('mic-live')).toHaveCount(0);
  await expect(page.getByTestId('listening-state')).toHaveText('Microphone paused');
});
