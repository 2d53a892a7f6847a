// Settings on disk: JSON in the data folder, validated on load. A file that cannot be
// read (or that is not a JSON object) is kept aside and defaults are used; fields that fail
// validation are reset one by one, so a single bad value does not cost the user every other setting.
// Writes are atomic and durable: a temporary file, flushed to disk, then renamed over the old one.
import { closeSync, copyFileSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EarshotError, type ErrorInfo, type ErrorParams } from '../../../shared/errors';
import { type Settings, settingsSchema } from '../../../shared/settings';

export interface SettingsLoad {
  settings: Settings;
  /** Set when the file had problems; tell the user. */
  notice: string | null;
  /** The same as code and params, for the page to word in its language (SettingsStore.load only). */
  problem?: ErrorInfo;
}

/** A load with a notice, told both in English and as settings_invalid with this variant and values. */
function withNotice(settings: Settings, message: string, params: ErrorParams): SettingsLoad {
  return { settings, notice: message, problem: { code: 'settings_invalid', params, message } };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges plain objects recursively; anything else in the patch replaces the base value. */
export function mergeSettings(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = isObject(value) && isObject(base[key]) ? mergeSettings(base[key] as Json, value) : value;
  }
  return out;
}

function removePath(target: Json, path: readonly PropertyKey[]): boolean {
  let node: unknown = target;
  for (const key of path.slice(0, -1)) {
    if (!isObject(node)) return false;
    node = node[key as string];
  }
  const last = path[path.length - 1];
  if (!isObject(node) || last === undefined || !(last as string in node)) return false;
  delete node[last as string];
  return true;
}

/** Parses raw settings JSON, resetting invalid fields to their defaults. */
export function parseSettings(raw: unknown): { settings: Settings; resetFields: string[] } {
  const data: Json = isObject(raw) ? structuredClone(raw) : {};
  const resetFields: string[] = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const parsed = settingsSchema.safeParse(data);
    if (parsed.success) return { settings: parsed.data, resetFields };
    let removed = false;
    for (const issue of parsed.error.issues) {
      if (removePath(data, issue.path)) {
        resetFields.push(issue.path.join('.'));
        removed = true;
      }
    }
    if (!removed) break;
  }
  return { settings: settingsSchema.parse({}), resetFields: ['(all)'] };
}

/**
 * The settings a command-line tool should honour, read without touching the file: a missing file
 * means defaults, a broken one means defaults and a notice (the app repairs it when it next starts).
 */
export function peekSettings(dataDir: string): SettingsLoad {
  const file = join(dataDir, 'settings.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const settings = settingsSchema.parse({});
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { settings, notice: null };
    return { settings, notice: `The settings file ${file} could not be read, so the defaults are used.` };
  }
  if (!isObject(raw)) return { settings: settingsSchema.parse({}), notice: `The settings file ${file} could not be read (it does not hold settings), so the defaults are used.` };
  const { settings, resetFields } = parseSettings(raw);
  return { settings, notice: resetFields.length === 0 ? null : `Some settings in ${file} are invalid, so their defaults are used (${resetFields.join(', ')}).` };
}

export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(
    private readonly file: string,
    private readonly now: () => number = Date.now,
  ) {
    this.current = settingsSchema.parse({});
  }

  static inDataDir(dataDir: string): SettingsStore {
    return new SettingsStore(join(dataDir, 'settings.json'));
  }

  /** Reads the file; a missing file means defaults, a broken one is kept aside. */
  load(): SettingsLoad {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { settings: this.current, notice: null };
      // A folder or an unreadable file in its place must not stop Earshot from starting: set it
      // aside like a file that is not JSON, and the next save writes a fresh one.
      const aside = this.keepAside();
      const message = `Your settings file could not be read (${code ?? 'unreadable'}), so Earshot is using the defaults. The old one was kept as ${aside}.`;
      return withNotice(this.current, message, { variant: 'fileUnreadable', path: aside });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      const aside = this.keepAside();
      const message = `Your settings file could not be read, so Earshot is using the defaults. The old file was kept as ${aside}.`;
      return withNotice(this.current, message, { variant: 'fileUnreadable', path: aside });
    }
    if (!isObject(raw)) {
      // Valid JSON but not settings ([], null, 42): as broken as a file that does not parse.
      const aside = this.keepAside();
      const message = `Your settings file does not hold settings, so Earshot is using the defaults. The old file was kept as ${aside}.`;
      return withNotice(this.current, message, { variant: 'notSettings', path: aside });
    }
    const { settings, resetFields } = parseSettings(raw);
    this.current = settings;
    if (resetFields.length === 0) return { settings, notice: null };
    const reset = `Some settings were invalid and were reset to their defaults (${resetFields.join(', ')}).`;
    // Copy aside first and rewrite after: if the rewrite fails (disk full, read-only), the original
    // file is still there for next time, and the app starts anyway.
    const aside = this.copyAside();
    try {
      this.write(settings);
    } catch (error) {
      const detail = (error as Error).message;
      return withNotice(settings, `${reset} They could not be saved (${detail}), so the file is unchanged for now.`, { variant: 'fieldsResetUnsaved', fields: resetFields.join(', '), detail });
    }
    return withNotice(settings, `${reset} The old file was kept as ${aside}.`, { variant: 'fieldsReset', fields: resetFields.join(', '), path: aside });
  }

  get(): Settings {
    return this.current;
  }

  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Applies a partial update; rejects it whole (invalid_input) if any field is invalid. */
  update(patch: unknown): Settings {
    if (!isObject(patch)) throw new EarshotError('invalid_input', 'A settings update must be an object of fields to change.');
    const parsed = settingsSchema.safeParse(mergeSettings(this.current as unknown as Json, patch));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EarshotError('invalid_input', `Invalid setting ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'not valid'}.`);
    }
    this.write(parsed.data);
    this.current = parsed.data;
    for (const listener of this.listeners) listener(parsed.data);
    return parsed.data;
  }

  private copyAside(): string {
    const aside = `${this.file}.bad-${this.now()}`;
    try {
      copyFileSync(this.file, aside);
    } catch {
      return '(could not be copied)';
    }
    return aside;
  }

  private keepAside(): string {
    const aside = `${this.file}.bad-${this.now()}`;
    try {
      renameSync(this.file, aside);
    } catch {
      return '(could not be moved)';
    }
    return aside;
  }

  private write(settings: Settings): void {
    const temp = `${this.file}.tmp-${process.pid}`;
    let created = false;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const fd = openSync(temp, 'w', 0o600);
      created = true;
      try {
        writeFileSync(fd, `${JSON.stringify(settings, null, 2)}\n`);
        // On disk before the rename, or a power cut could leave an empty settings file.
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
    } catch (error) {
      if (created) {
        try {
          unlinkSync(temp);
        } catch {
          // Already gone, or cannot be removed: nothing more to do.
        }
      }
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new EarshotError('disk_full', 'The disk is full, so your settings were not saved — free some space and try again.', { params: { variant: 'settings' } });
      throw new EarshotError('storage_failed', `Your settings could not be saved to ${this.file} (${code ?? (error as Error).message}).`);
    }
  }
}
