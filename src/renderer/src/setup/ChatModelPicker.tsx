// Picks one of the chat models Ollama already has, instead of typing a name: shown when the model
// in settings is not installed but others are, so nothing has to be downloaded.
import { useState } from 'react';
import { useActions, useApp, useT } from '../state/app-context';
import { formatBytes } from './progress-text';

export function ChatModelPicker() {
  const t = useT();
  const actions = useActions();
  const models = useApp((s) => s.chatModels);
  const [choice, setChoice] = useState('');
  if (models.length === 0) return null;
  const picked = choice || models[0]!.name;
  return (
    <div className="model-picker">
      <label htmlFor="setup-chat-model">{t('setup.chat.pick')}</label>
      <select id="setup-chat-model" value={picked} onChange={(e) => setChoice(e.target.value)}>
        {models.map((m) => (
          <option key={m.name} value={m.name}>
            {m.parameterSize ? `${m.name} · ${m.parameterSize} · ${formatBytes(m.sizeBytes, t.locale)}` : `${m.name} · ${formatBytes(m.sizeBytes, t.locale)}`}
          </option>
        ))}
      </select>
      <button type="button" onClick={() => void actions.updateSettings({ llm: { model: picked } })}>
        {t('setup.chat.use')}
      </button>
    </div>
  );
}
