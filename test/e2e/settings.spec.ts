// The settings panel: a change is saved at once and survives a reload; presets; bounds; language.
import { expect, keepScreenshot, openEarshot, test } from './support/fixtures';

test('a changed beam size is saved and still there after a reload', async ({ page, earshot }, testInfo) => {
  await openEarshot(page, earshot.url);
  const settingsButton = page.getByRole('button', { name: 'Settings' });
  await settingsButton.click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  const beam = dialog.getByRole('spinbutton', { name: 'Beam size' });
  await expect(beam).toHaveValue('1'); // the default preset decodes greedily
  await expect(dialog.getByRole('combobox', { name: 'Preset' })).toHaveValue('balanced');

  await beam.fill('2');
  await beam.press('Enter');
  await expect(dialog.getByRole('status')).toHaveText('Saved.');
  // Beam size 2 is no preset's: the preset becomes Custom.
  await expect(dialog.getByRole('combobox', { name: 'Preset' })).toHaveValue('custom');
  await keepScreenshot(page, testInfo, 'settings-beam-size');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(settingsButton).toBeFocused();

  await page.reload();
  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('spinbutton', { name: 'Beam size' })).toHaveValue('2');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Preset' })).toHaveValue('custom');
});

test('a preset sets its values, and a value out of bounds says what to enter', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('combobox', { name: 'Preset' }).selectOption('fast');
  await expect(dialog.getByRole('spinbutton', { name: 'Beam size' })).toHaveValue('1');
  await expect(dialog.getByRole('spinbutton', { name: /Token cap/ })).toHaveValue('150');

  const beam = dialog.getByRole('spinbutton', { name: 'Beam size' });
  await beam.fill('9');
  await beam.press('Tab');
  await expect(dialog.getByRole('alert')).toHaveText('Enter a whole number from 1 to 5.');
  await expect(beam).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Beam size' })).toHaveValue('1');
});

test('choosing Português switches the interface to Brazilian Portuguese', async ({ page, earshot }, testInfo) => {
  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('combobox', { name: 'Language' }).selectOption('pt');
  const dialog = page.getByRole('dialog', { name: 'Configurações' });
  await expect(dialog.getByRole('spinbutton', { name: 'Largura do feixe (beam size)' })).toBeVisible();
  // Bounds are written the Brazilian way.
  const speed = dialog.getByRole('spinbutton', { name: 'Velocidade da fala' });
  await speed.fill('3');
  await speed.press('Tab');
  await expect(dialog.getByRole('alert')).toHaveText('Digite um número de 0,5 a 2.');
  await speed.fill('1');
  await speed.press('Tab');
  await dialog.getByRole('button', { name: 'Fechar' }).click();
  await expect(page.getByRole('button', { name: 'Falar' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Conversa' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'pt-BR');
  await keepScreenshot(page, testInfo, 'portugues');
});

test('an Ollama host on another machine is flagged', async ({ page, earshot }) => {
  await openEarshot(page, earshot.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const host = page.getByRole('textbox', { name: 'Ollama host' });
  await host.fill('http://192.168.1.50:11434');
  await host.press('Enter');
  await expect(page.getByRole('note').filter({ hasText: 'This host is not on this computer' })).toBeVisible();
});
