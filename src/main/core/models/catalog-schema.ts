// The shape of a catalog entry (zod, as for anything read from outside). The built-in
// catalog is typed by it, and a custom catalog file is validated against it.
import { z } from 'zod';
import { MODEL_ID_PATTERN } from '../../../shared/settings';

export const MODEL_KINDS = ['stt', 'tts', 'vad', 'embedding'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** What a model is installed by default for; first run fetches every entry that has one. */
export const DEFAULT_ROLES = ['stt', 'tts-en', 'tts-pt', 'vad'] as const;
export type DefaultRole = (typeof DEFAULT_ROLES)[number];

/** A catalog id becomes a folder name under modelsDir (the same rule as the settings' model ids). */
export { MODEL_ID_PATTERN };

const SHA256_PATTERN = /^[a-f0-9]{64}$/;

/** A relative path inside the model folder: forward slashes, no `..`, nothing absolute. */
const relativePathSchema = z
  .string()
  .min(1)
  .max(300)
  .refine(
    (p) => !p.startsWith('/') && !p.includes('\\') && !/^[a-z]:/i.test(p) && p.split('/').every((part) => part !== '' && part !== '.' && part !== '..'),
    'must be a relative path inside the model folder (no "..", no leading "/")',
  );

const httpUrlSchema = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');

export const catalogFileSchema = z
  .object({
    /** Where the file lands inside the model folder. For an archive: the name it is downloaded as. */
    path: relativePathSchema,
    url: httpUrlSchema,
    /** Bytes. Exact when `exactSize` is true (or sha256 is given); otherwise an estimate for display. */
    sizeBytes: z.number().int().positive(),
    exactSize: z.boolean().default(false),
    sha256: z
      .string()
      .transform((s) => s.toLowerCase())
      .refine((s) => SHA256_PATTERN.test(s), 'must be 64 hex characters')
      .optional(),
    /**
     * Hosts a redirect from `url` may lead to besides its own (a CDN). A name starting with "."
     * matches that domain and its subdomains. Redirects anywhere else are refused.
     */
    redirectHosts: z
      .array(z.string().regex(/^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/i, 'must be a host name'))
      .max(10)
      .optional(),
    /** An archive to unpack into the model folder instead of keeping it as a file. */
    extract: z
      .object({ format: z.literal('tar.bz2'), stripComponents: z.number().int().min(0).max(4).default(0) })
      .strict()
      .optional(),
  })
  .strict();

export const catalogEntrySchema = z
  .object({
    id: z.string().regex(MODEL_ID_PATTERN, 'must be letters, digits, ".", "_" or "-", starting with a letter or digit'),
    kind: z.enum(MODEL_KINDS),
    /** ISO 639-1 codes the model handles, e.g. ["en"], ["en", "pt", …]. */
    languages: z.array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z]{2})?$/)).min(1),
    description: z.string().min(1).max(300),
    license: z.string().min(1).max(100),
    /** Weight format, when the model comes in several (int8 is the default for speed on a CPU). */
    variant: z.enum(['int8', 'fp32', 'fp16']).optional(),
    defaultFor: z.array(z.enum(DEFAULT_ROLES)).default([]),
    /** Ships with Earshot (nothing to fetch); always installed. */
    bundled: z.boolean().default(false),
    files: z.array(catalogFileSchema).default([]),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (!entry.bundled && entry.files.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: 'a model that is not bundled needs at least one file' });
    }
    const seen = new Set<string>();
    for (const [i, file] of entry.files.entries()) {
      if (seen.has(file.path)) ctx.addIssue({ code: 'custom', path: ['files', i, 'path'], message: `"${file.path}" is listed twice` });
      seen.add(file.path);
    }
  });

export const customCatalogSchema = z
  .object({
    version: z.literal(1),
    models: z.array(catalogEntrySchema),
  })
  .strict();

export type CatalogFile = z.output<typeof catalogFileSchema>;
export type CatalogEntry = z.output<typeof catalogEntrySchema>;
export type CatalogEntryInput = z.input<typeof catalogEntrySchema>;
export type CustomCatalog = z.output<typeof customCatalogSchema>;

/** Whether every file of an entry is pinned by sha256 and exact size, so substituted bytes cannot install. */
export function isEntryPinned(entry: Pick<CatalogEntry, 'bundled' | 'files'>): boolean {
  return entry.bundled || entry.files.every((f) => f.exactSize && f.sha256 !== undefined);
}

/** Total download size of an entry in bytes (estimates included). */
export function entrySizeBytes(entry: Pick<CatalogEntry, 'files'>): number {
  return entry.files.reduce((sum, f) => sum + f.sizeBytes, 0);
}
