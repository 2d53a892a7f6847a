// The first-run check: what is missing and what to do about it, and pulling the chat model with
// a progress bar.
import { expect, keepScreenshot, openEarshot, test } from './support/fixtures';

test.describe('Ollama is down', () => {
  test.use({ ollamaScript: 'down' });

  test('the check and a banner say Ollama is not running and how to start it', async ({ page, earshot }, testInfo) => {
    await openEarshot(page, earshot.url, { ready: false });
    const check = page.getByRole('region', { name: 'Before you start' });
    await expect(check).toContainText('Ollama is not running');
    await expect(check).toContainText('Start the Ollama app');

    await page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
    await page.keyboard.press('Enter');
    // Found by its cause, not its words: the words change with the language below.
    const banner = page.locator('[data-banner="llm_unreachable"]');
    await expect(banner).toHaveRole('alert');
    await expect(banner).toContainText(/Ollama is not running at http:\/\/127\.0\.0\.1:\d+/);
    await expect(page.getByRole('status', { name: 'Assistant status' })).toContainText('Ollama is not running');
    await expect(page.getByRole('region', { name: 'Conversation' })).toContainText('No answer');
    await expect(check).toContainText('The chat model can be checked once Ollama is running.');
    await keepScreenshot(page, testInfo, 'ollama-down');

    // Switching to Portuguese re-words the banner already on screen.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('pt');
    await page.getByRole('dialog', { name: 'Configurações' }).getByRole('button', { name: 'Fechar' }).click();
    await expect(banner).toContainText(/O Ollama não está rodando em http:\/\/127\.0\.0\.1:\d+/);

    await banner.getByRole('button', { name: 'Fechar' }).click();
    await expect(banner).toBeHidden();
  });
});

test.describe('the chat model is missing', () => {
  test.use({ ollamaScript: { models: ['nomic-embed-text:latest'], pullStepDelayMs: 500 } });

  test('offers to download it and shows the progress until it is installed', async ({ page, earshot }, testInfo) => {
    await openEarshot(page, earshot.url, { ready: false });
    const check = page.getByRole('region', { name: 'Before you start' });
    await expect(check).toContainText('The chat model llama3.2:3b is not installed yet.');
    await check.getByRole('button', { name: 'Download llama3.2:3b' }).click();
    const bar = check.getByRole('progressbar', { name: 'Downloading llama3.2:3b' });
    await expect(bar).toBeVisible();
    // Watch the progress until the download is done: it moves through phases and percentages.
    const download = check.locator('[data-model="llama3.2:3b"] .download-text');
    const seen: string[] = [];
    while ((await download.count()) > 0) {
      const text = (await download.innerText({ timeout: 500 }).catch(() => '')).trim();
      if (text !== '' && text !== seen.at(-1)) {
        seen.push(text);
        if (seen.filter((t) => /\d+%/.test(t)).length === 1 && /\d+%/.test(text)) await keepScreenshot(page, testInfo, 'pulling-chat-model');
      }
      await page.waitForTimeout(20);
    }
    expect(seen.some((text) => /^(Downloading|Verifying|Installing) · \d+%/.test(text)), JSON.stringify(seen)).toBe(true);
    // Everything is ready now: the check folds into one line that says so.
    await expect(check).toContainText('Ready: Ollama is running, llama3.2:3b and the speech models are installed.', { timeout: 30_000 });
    await expect(bar).toBeHidden();
    await expect(check.getByRole('listitem')).toHaveCount(0);
    await check.getByRole('button', { name: 'Details' }).click();
    await expect(page.getByRole('region', { name: 'Before you start' })).toContainText('The chat model llama3.2:3b is installed.');
  });
});

test.describe('speech models put in the models folder by hand', () => {
  // No chat model, so the check stays on screen (it hides itself when everything is ready).
  test.use({ ollamaScript: { models: [] } });

  test('count as installed, even without an install record', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url, { ready: false });
  const check = page.getByRole('region', { name: 'Before you start' });
  await expect(check).toContainText('The speech recognition model whisper-base is installed.');
  await expect(check).toContainText('The voice piper-en_US-amy-low is installed.');
  await expect(check.getByRole('button', { name: /^Download (whisper|piper)/ })).toHaveCount(0);
  });
});

test.describe('no speech models yet', () => {
  test.use({ models: 'none' });

  test('the ones for this language are offered with their sizes, and the check can be hidden', async ({ page, earshot }) => {
    await openEarshot(page, earshot.url, { ready: false });
    const check = page.getByRole('region', { name: 'Before you start' });
    await expect(check.getByRole('button', { name: /^Download whisper-base \(\d[\d.,]* MB\)$/ })).toBeVisible();
    await expect(check.getByRole('button', { name: /^Download piper-en_US-amy-low \(/ })).toBeVisible();
    // An English speaker is not made to fetch the Portuguese voice.
    await expect(check.getByRole('button', { name: /piper-pt_BR/ })).toHaveCount(0);
    await expect(check.getByRole('button', { name: /^Download all needed \(\d[\d.,]* MB\)$/ })).toBeVisible();
    await check.getByRole('button', { name: 'Hide' }).click();
    await expect(check).toBeHidden();
  });
});

test.describe('another chat model is installed', () => {
  test.use({ ollamaScript: { models: ['qwen2.5:0.5b', 'nomic-embed-text:latest'] } });

  test('it can be picked instead of downloading the default', async ({ page, earshot }) => {
    await page.goto(earshot.url);
    const check = page.getByRole('region', { name: 'Before you start' });
    const picker = check.getByRole('combobox', { name: 'Installed models' });
    await expect(picker.locator('option')).toHaveCount(1);
    await expect(picker).toContainText('qwen2.5:0.5b');
    await check.getByRole('button', { name: 'Use this model' }).click();
    await expect(check).toContainText('Ready: Ollama is running, qwen2.5:0.5b and the speech models are installed.');
    // Settings offers the same installed models in a picker, not a box to type a name in.
    await page.getByRole('button', { name: 'Settings' }).click();
    const model = page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Chat model' });
    await expect(model).toHaveValue('qwen2.5:0.5b');
    await expect(model.locator('option')).toHaveText(['qwen2.5:0.5b · 3.2B']);

    // The talk key is set by pressing it; one that would type into other apps is explained first.
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('button', { name: 'Record a key' }).click();
    await page.keyboard.press('k');
    await expect(dialog.getByRole('alert')).toContainText('K has no Ctrl, Alt or Shift');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByRole('button', { name: 'Record a key' }).click();
    await page.keyboard.press('Control+Alt+k');
    await expect(dialog.getByRole('textbox', { name: 'Key', exact: true })).toHaveValue('CommandOrControl+Alt+K');

    // The microphone is picked from the devices plugged in, and remembered.
    const microphone = dialog.getByRole('combobox', { name: 'Microphone' });
    await expect.poll(() => microphone.locator('option').count()).toBeGreaterThan(1);
    const device = await microphone.locator('option').nth(1).getAttribute('value');
    await microphone.selectOption(device!);
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Microphone' })).toHaveValue(device!);
  });
});
