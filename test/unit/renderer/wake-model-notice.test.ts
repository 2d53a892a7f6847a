import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { wakeModelNotice, wakeModelNoticeText } from '../../../src/renderer/src/listening/wake-model-notice';
import { CATALOGS, translate } from '../../../src/renderer/src/i18n/translate';

const listening = DEFAULT_SETTINGS.listening;
const inEnglish = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(CATALOGS.en, key, params);
const inPortuguese = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(CATALOGS.pt, key, params);

describe('the wake-word model notice', () => {
  it('names the non-commercial license of a pretrained wake word, in both languages', () => {
    const notice = wakeModelNotice({ ...listening, wakeWord: 'alexa' });
    expect(notice).toEqual({ kind: 'pretrained', wakeWord: 'alexa' });
    expect(wakeModelNoticeText(notice, inEnglish)).toBe(
      'The “Alexa” model is openWakeWord’s pretrained model by David Scripka (openWakeWord), licensed CC BY-NC-SA 4.0 (https://creativecommons.org/licenses/by-nc-sa/4.0/): free for non-commercial use only.',
    );
    expect(wakeModelNoticeText(notice, inPortuguese)).toContain('CC BY-NC-SA 4.0');
    expect(wakeModelNoticeText(notice, inPortuguese)).toContain('uso não comercial');
  });

  it('names a model of the user’s own after its file instead, with no license claim', () => {
    const notice = wakeModelNotice({ ...listening, customClassifier: '/home/ana/models/hey_earshot.onnx' });
    expect(notice).toEqual({ kind: 'custom', wakeWord: 'hey_earshot' });
    expect(wakeModelNoticeText(notice, inEnglish)).toBe('Using your own model “hey_earshot”.');
    expect(wakeModelNotice({ ...listening, customClassifier: 'C:\\models\\Ok_Casa.ONNX' }).wakeWord).toBe('Ok_Casa');
  });
});
