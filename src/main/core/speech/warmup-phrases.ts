// The phrases Earshot says most often, per language (resources/phrases/<lang>.json): its own spoken
// error messages and common greetings. The TTS cache is warmed with them at launch; the Assistant
// speaks the error messages from the same file, so the warmed audio is the audio it needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ERROR_CODES, EarshotError, type ErrorCode } from '../../../shared/errors';
import type { Language } from '../../../shared/turn';

const phraseFileSchema = z.object({
  language: z.enum(['en', 'pt']),
  /** What Earshot says aloud for an error, by code. */
  spokenErrors: z.partialRecord(z.enum(ERROR_CODES), z.string().min(1)),
  /** Most frequent first. */
  phrases: z.array(z.string().min(1)),
});

export type WarmupPhrases = z.infer<typeof phraseFileSchema>;

export function parseWarmupPhrases(json: unknown, language: Language): WarmupPhrases {
  const parsed = phraseFileSchema.safeParse(json);
  if (!parsed.success || parsed.data.language !== language) {
    throw new EarshotError('internal', `The ${language} warm-up phrase file is not valid: ${parsed.success ? 'wrong language' : parsed.error.issues[0]?.message}. Reinstall Earshot.`);
  }
  return parsed.data;
}

/** Reads <dir>/<language>.json (dir is resources/phrases in a checkout, under resourcesPath when packaged). */
export function loadWarmupPhrases(dir: string, language: Language): WarmupPhrases {
  const path = join(dir, `${language}.json`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new EarshotError('internal', `Earshot could not read its warm-up phrases at ${path}. Reinstall Earshot.`, { cause: error });
  }
  return parseWarmupPhrases(json, language);
}

/** The sentence Earshot speaks for an error code, falling back to the generic one. */
export function spokenErrorMessage(phrases: WarmupPhrases, code: ErrorCode): string | null {
  return phrases.spokenErrors[code] ?? phrases.spokenErrors.internal ?? null;
}

/** The warm-up list from a phrase file: error messages first, then phrases, at most `limit`. */
export function topPhrases(phrases: WarmupPhrases, limit: number): string[] {
  return [...new Set([...Object.values(phrases.spokenErrors), ...phrases.phrases])].slice(0, limit);
}
