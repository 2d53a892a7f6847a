// One setting's control: a checkbox, a select, a number or text box. Text and numbers are checked
// and saved when the field loses focus or on Enter; choices and checkboxes save at once. A value
// main refuses, or one out of bounds, is shown beside the field with what to enter instead.
import { useId, useState, type ReactNode } from 'react';
import type { ModelState } from '../../../shared/records';
import type { Settings } from '../../../shared/settings';
import { useApp, useT, type Translator } from '../state/app-context';
import type { MessageKey } from '../i18n/messages-en';
import type { SettingField } from './setting-fields';
import { checkFieldInput, patchForField, readSetting } from './settings-form';

export interface SettingControlProps {
  field: SettingField;
  settings: Settings;
  save(patch: Record<string, unknown>): Promise<string | null>;
  children?: ReactNode;
}

function choiceLabel(t: Translator, path: string, value: string): string {
  const key = `choice.${path}.${value}` as MessageKey;
  const text = t(key);
  return text === key ? value : text;
}

function modelOptions(models: readonly ModelState[], field: SettingField, current: string): { id: string; installed: boolean }[] {
  if (field.kind.type !== 'model') return [];
  const { modelKind, language } = field.kind;
  const options = models
    .filter((m) => m.kind === modelKind && (!language || m.languages.some((l) => l.toLowerCase().startsWith(language))))
    .map((m) => ({ id: m.id, installed: m.installed }));
  return options.some((o) => o.id === current) ? options : [{ id: current, installed: true }, ...options];
}

export function SettingControl({ field, settings, save, children }: SettingControlProps) {
  const t = useT();
  const id = useId();
  const models = useApp((s) => s.models);
  const chatModels = useApp((s) => s.chatModels);
  const stored = readSetting(settings, field.path);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const value = draft ?? String(stored ?? '');

  const commit = async (raw: string | boolean) => {
    const check = checkFieldInput(settings, field, raw);
    if (!check.ok) {
      // Bounds in the interface's number format ("de 0,5 a 2" in Portuguese).
      const params = check.params && Object.fromEntries(Object.entries(check.params).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString(t.locale) : v]));
      setError(t(check.message, params));
      return;
    }
    setError(null);
    if (check.value === stored) {
      setDraft(null);
      return;
    }
    const refused = await save(patchForField(settings, field, check.value));
    setError(refused);
    if (refused === null) setDraft(null);
  };

  const describedBy = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined } as const;
  const { kind } = field;
  let control: ReactNode;

  if (kind.type === 'bool') {
    control = <input {...common} type="checkbox" checked={stored === true} onChange={(event) => void commit(event.target.checked)} />;
  } else if (kind.type === 'chatModel' && chatModels.length > 0) {
    const current = String(stored);
    const installed = chatModels.some((m) => m.name === current);
    control = (
      <select {...common} value={current} onChange={(event) => void commit(event.target.value)}>
        {!installed && <option value={current}>{t('field.notInstalled', { id: current })}</option>}
        {chatModels.map((m) => (
          <option key={m.name} value={m.name}>
            {m.parameterSize ? `${m.name} · ${m.parameterSize}` : m.name}
          </option>
        ))}
      </select>
    );
  } else if (kind.type === 'choice' || (kind.type === 'model' && models.length > 0)) {
    const options =
      kind.type === 'choice'
        ? kind.options.map((o) => ({ value: o, label: choiceLabel(t, field.path, o) }))
        : modelOptions(models, field, String(stored)).map((m) => ({ value: m.id, label: m.installed ? m.id : t('field.notInstalled', { id: m.id }) }));
    control = (
      <select {...common} value={String(stored)} onChange={(event) => void commit(event.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else {
    const numeric = kind.type === 'int' || kind.type === 'number';
    const props = {
      ...common,
      value,
      onChange: (event: { target: { value: string } }) => setDraft(event.target.value),
      onBlur: () => {
        if (draft !== null) void commit(draft);
      },
    };
    control =
      kind.type === 'text' && kind.multiline ? (
        <textarea {...props} rows={4} />
      ) : (
        <input
          {...props}
          type={numeric ? 'number' : 'text'}
          inputMode={numeric ? 'decimal' : undefined}
          min={numeric ? kind.min : undefined}
          max={numeric ? kind.max : undefined}
          step={numeric ? kind.step : undefined}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void commit(event.currentTarget.value);
            }
          }}
        />
      );
  }

  return (
    <div className={`field field-${kind.type}`} data-setting={field.path}>
      <label htmlFor={id}>{t(field.label)}</label>
      {control}
      {field.hint && (
        <p id={`${id}-hint`} className="hint">
          {t(field.hint)}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
      {children}
    </div>
  );
}
