// Inputs of the feature flag import (CTRL-012.4): the API body, and the parsed rows the import page
// sends chunk by chunk. The actor never comes from a request body.
import { z } from 'zod';
import { BROKEN_TEXT_MESSAGE, isWellFormedText } from '@/lib/schemas/text';
import { FLAG_IMPORT_FORMATS, FLAG_IMPORT_MAX_ROWS } from '@/lib/flags/flag-import';
import { FLAG_PURPOSE_MAX_LENGTH } from '@/lib/schemas/flag';
import { FLAG_TYPES, MAX_FLAG_KEY_LENGTH } from '@/lib/policy/flag-naming';

/** Rows the page sends per preview call: small enough for the server actions' 2 MB body limit. */
export const FLAG_PREVIEW_CHUNK_ROWS = 2000;
/** Rows the page sends per apply call: each call is one step of the progress bar. */
export const FLAG_APPLY_CHUNK_ROWS = 250;

const NO_CONTROL_CHARS = /^[^\u0000-\u001F\u007F]*$/;
/** Fields a file supplies, bounded so a forged request cannot send megabytes per cell. */
const cell = (max: number) => z.string().max(max).nullable();

/** One parsed row as lib/flags/flag-import.ts produces it; the server plans it again from scratch. */
export const ZFlagCandidate = z.object({
  index: z.number().int().min(0).max(FLAG_IMPORT_MAX_ROWS),
  where: z.string().max(MAX_FLAG_KEY_LENGTH + 40),
  key: z.string().max(MAX_FLAG_KEY_LENGTH * 4),
  team: cell(200),
  type: z.enum(FLAG_TYPES).nullable(),
  ownerEmail: cell(320),
  purpose: cell(FLAG_PURPOSE_MAX_LENGTH * 2),
  featureKey: cell(200),
  rolloutPercent: z.number().int().min(0).max(100).nullable(),
  createdAt: z.iso.datetime().nullable(),
  problems: z.array(z.string().max(2000)).max(20),
});

/** Fill-ins for files that name no owner or team (Unleash exports name neither). */
export const ZFlagImportDefaults = z.object({
  ownerEmail: z.email('Enter an email address.').max(320).transform((email) => email.toLowerCase()).nullable(),
  team: z.string().trim().max(200).regex(NO_CONTROL_CHARS).refine(isWellFormedText, BROKEN_TEXT_MESSAGE).nullable(),
});
export type FlagImportDefaults = z.infer<typeof ZFlagImportDefaults>;

/** The import page's preview call: one chunk of the parsed file. */
export const ZFlagImportPreviewChunk = z.object({
  candidates: z.array(ZFlagCandidate).min(1).max(FLAG_PREVIEW_CHUNK_ROWS),
  defaults: ZFlagImportDefaults,
});
export type FlagImportPreviewChunk = z.infer<typeof ZFlagImportPreviewChunk>;

/** The import page's apply call: one chunk, named so its summary event can be grouped with the others. */
export const ZFlagImportApplyChunk = ZFlagImportPreviewChunk.extend({
  candidates: z.array(ZFlagCandidate).min(1).max(FLAG_APPLY_CHUNK_ROWS),
  importId: z.uuid(),
  fileName: z.string().trim().min(1).max(255).regex(NO_CONTROL_CHARS).refine(isWellFormedText, BROKEN_TEXT_MESSAGE),
  format: z.enum(FLAG_IMPORT_FORMATS),
  /** Rows in the whole file, for the summary event. */
  total: z.number().int().min(1).max(FLAG_IMPORT_MAX_ROWS),
});
export type FlagImportApplyChunk = z.infer<typeof ZFlagImportApplyChunk>;

const emptyToNull = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? null : value);

/** POST /api/v1/flags/import as JSON. A CSV body takes the same options as query parameters. */
export const ZFlagImportRequest = z.strictObject({
  format: z.enum(['auto', ...FLAG_IMPORT_FORMATS]).default('auto'),
  content: z.string().min(1, 'Send the file as content.'),
  dryRun: z.boolean(),
  defaultOwnerEmail: z.preprocess(emptyToNull, z.email().max(320).nullable().optional()),
  defaultTeam: z.preprocess(emptyToNull, z.string().trim().max(200).regex(NO_CONTROL_CHARS).refine(isWellFormedText, BROKEN_TEXT_MESSAGE).nullable().optional()),
});
export type FlagImportRequest = z.infer<typeof ZFlagImportRequest>;
