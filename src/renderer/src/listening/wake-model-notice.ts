// What to tell the user about the wake-word model in use: a pretrained openWakeWord classifier
// carries a non-commercial license that must be shown wherever it is enabled; a model of their own
// is named after its file. Pure.
import type { Settings } from '../../../shared/settings';
import { PRETRAINED_WAKE_LICENSE } from '../../../shared/wake-words';
import type { MessageKey } from '../i18n/messages-en';
import type { MessageParams } from '../i18n/translate';

type Translate = (key: MessageKey, params?: MessageParams) => string;

export type WakeModelNotice =
  | { kind: 'pretrained'; wakeWord: string }
  | { kind: 'custom'; wakeWord: string };

export function wakeModelNotice(listening: Settings['listening']): WakeModelNotice {
  const custom = listening.customClassifier.trim();
  if (custom) return { kind: 'custom', wakeWord: custom.split(/[\\/]/).pop()!.replace(/\.onnx$/i, '') };
  return { kind: 'pretrained', wakeWord: listening.wakeWord };
}

export function wakeModelNoticeText(notice: WakeModelNotice, t: Translate): string {
  if (notice.kind === 'custom') return t('listening.customModel', { wakeWord: notice.wakeWord });
  return t('listening.license', {
    wakeWord: t(`choice.listening.wakeWord.${notice.wakeWord}` as MessageKey),
    author: PRETRAINED_WAKE_LICENSE.author,
    license: PRETRAINED_WAKE_LICENSE.name,
    url: PRETRAINED_WAKE_LICENSE.url,
  });
}
