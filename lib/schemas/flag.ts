// Feature flags (POL-012 CTRL-012.4): what the flag write core stores, what the forms and the API send
// to create, edit and archive a flag, and the lint request. Naming is checked by the write core against
// the known teams (lib/policy/flag-naming.ts), not here: the schema cannot know the teams.
import { z } from 'zod';
import { BROKEN_TEXT_MESSAGE, isWellFormedText, NO_CONTROL_CHARS } from '@/lib/schemas/text';
import { FLAG_TYPES, MAX_FLAG_KEY_LENGTH, type FlagType } from '@/lib/policy/flag-naming';

/** Longest purpose kept (the inventory's "purpose" column, CTRL-012.4). */
export const FLAG_PURPOSE_MAX_LENGTH = 1000;
/** Longest reason given when archiving a flag. */
export const ARCHIVE_REASON_MAX_LENGTH = 500;
/** Lint requests: at most this many keys, each at most {@link LINT_KEY_MAX_LENGTH} characters. */
export const LINT_MAX_KEYS = 5000;
export const LINT_KEY_MAX_LENGTH = 200;


export const ZFlagType = z.enum(FLAG_TYPES, `Choose a type: ${FLAG_TYPES.join(', ')}.`);

/** The key as typed: trimmed, never empty; its convention is the write core's lint. */
export const ZFlagKey = z.string('Enter a key.').trim().min(1, 'Enter a key.').max(MAX_FLAG_KEY_LENGTH, `At most ${MAX_FLAG_KEY_LENGTH} characters.`);

const ZPurpose = z
  .string('Say what the flag is for.')
  .trim()
  .min(3, 'Say what the flag is for (at least 3 characters).')
  .max(FLAG_PURPOSE_MAX_LENGTH, `At most ${FLAG_PURPOSE_MAX_LENGTH.toLocaleString('en')} characters.`)
  .regex(NO_CONTROL_CHARS, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE);

/** Whole percent, 0–100. */
export const ZRolloutPercent = z
  .number('Enter a whole percentage from 0 to 100.')
  .int('Enter a whole percentage from 0 to 100.')
  .min(0, 'At least 0 %.')
  .max(100, 'At most 100 %.');

const FLAG_FIELDS = {
  teamId: z.uuid('Choose a team.'),
  type: ZFlagType,
  ownerId: z.uuid('Choose an owner.'),
  purpose: ZPurpose,
  /** The user-facing feature the flag guards; null when it guards none. */
  featureId: z.uuid('Unknown feature.').nullable(),
  rolloutPercent: ZRolloutPercent,
};

/** One flag as the write core stores it. `createdAt` is honoured on create only (imports of old flags). */
export const ZFlagInput = z.strictObject({ key: ZFlagKey, ...FLAG_FIELDS, createdAt: z.date().optional() });

export type FlagInput = {
  key: string;
  teamId: string;
  type: FlagType;
  ownerId: string;
  purpose: string;
  featureId: string | null;
  rolloutPercent: number;
  createdAt?: Date;
};

// The schema and the contract type must stay the same shape (other modules build FlagInput by hand).
const _flagInputMatches: z.infer<typeof ZFlagInput> extends FlagInput ? (FlagInput extends z.infer<typeof ZFlagInput> ? true : never) : never = true;
void _flagInputMatches;

/** POST /api/v1/flags: a new flag; `featureId` and `rolloutPercent` may be left out (none, 0 %). */
export const ZNewFlag = z.strictObject({
  key: ZFlagKey,
  ...FLAG_FIELDS,
  featureId: FLAG_FIELDS.featureId.default(null),
  rolloutPercent: ZRolloutPercent.default(0),
});

export type NewFlag = z.infer<typeof ZNewFlag>;

const ZVersion = z.number('Send the version as a number.').int('Send the version as a whole number.').positive('Send the version read.');

/**
 * PATCH /api/v1/flags/{id}: the version read and any subset of the editable fields. The key never
 * changes (SDKs and code refer to it), and the expiry is the monthly audit's alone.
 */
export const ZFlagPatch = z
  .strictObject({ version: ZVersion, ...Object.fromEntries(Object.entries(FLAG_FIELDS).map(([name, schema]) => [name, schema.optional()])) as { [K in keyof typeof FLAG_FIELDS]: z.ZodOptional<(typeof FLAG_FIELDS)[K]> } })
  .refine(({ version: _version, ...fields }) => Object.values(fields).some((value) => value !== undefined), { path: ['_'], message: 'Send at least one field to change besides the version.' });

export type FlagPatch = z.infer<typeof ZFlagPatch>;

const ZArchiveReason = z
  .string('Enter text.')
  .trim()
  .max(ARCHIVE_REASON_MAX_LENGTH, `At most ${ARCHIVE_REASON_MAX_LENGTH} characters.`)
  .regex(NO_CONTROL_CHARS, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE);

/** POST /api/v1/flags/{id}/archive: the version read and, optionally, why. */
export const ZArchiveFlagBody = z.strictObject({ version: ZVersion, reason: ZArchiveReason.default('') });

// ── Forms (FormData: every value is text) ─────────────────────────────────────────────────

const formPercent = z.preprocess((value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value), ZRolloutPercent);
const formFeature = z.preprocess((value) => (value === '' || value === undefined ? null : value), FLAG_FIELDS.featureId);
const formVersion = z.coerce.number().int().positive();

export const ZNewFlagForm = z.object({ key: ZFlagKey, ...FLAG_FIELDS, featureId: formFeature, rolloutPercent: formPercent });

export const ZEditFlagForm = z.object({ flagId: z.uuid(), expectedVersion: formVersion, ...FLAG_FIELDS, featureId: formFeature, rolloutPercent: formPercent });

export const ZArchiveFlagForm = z.object({ flagId: z.uuid(), expectedVersion: formVersion, reason: ZArchiveReason.default('') });

// ── Lint ───────────────────────────────────────────────────────────────────────────────────

/** POST /api/v1/flags/lint: keys to check, and optionally the type of some, to check their suffix. */
export const ZFlagLintRequest = z.strictObject({
  keys: z
    .array(z.string('Send each key as text.').max(LINT_KEY_MAX_LENGTH, `Each key has at most ${LINT_KEY_MAX_LENGTH} characters.`), 'Send "keys" as an array of strings.')
    .min(1, 'Send at least one key.')
    .max(LINT_MAX_KEYS, `At most ${LINT_MAX_KEYS.toLocaleString('en')} keys per request.`),
  types: z.record(z.string(), ZFlagType, 'Send "types" as an object of key → type.').optional(),
});

export type FlagLintRequest = z.infer<typeof ZFlagLintRequest>;

/** The lint page's textarea: one key per line, blank lines and `#` comments skipped. */
export const ZFlagLintForm = z.object({
  keys: z.string('Paste some keys.').max(LINT_MAX_KEYS * (LINT_KEY_MAX_LENGTH + 1), 'Too much text: paste fewer keys.'),
});

/** The keys of a pasted or read text, one per line; blank lines and `#` comments are skipped. */
export function keysFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}

// ── List query (the /flags page and GET /api/v1/flags) ─────────────────────────────────────

export const FLAG_STATES = ['active', 'stale', 'archived'] as const;
export type FlagStateFilter = (typeof FLAG_STATES)[number];

export type FlagListFilter = {
  teamId?: string;
  type?: FlagType;
  state?: FlagStateFilter;
  ownerId?: string;
  featureId?: string;
  /** Part of the key, any case. */
  q?: string;
};

/** Query parameter → filter field. */
export const FLAG_FILTER_PARAMS = ['team', 'type', 'state', 'owner', 'feature', 'q'] as const;

const FILTER_SCHEMAS = {
  team: z.uuid('Unknown team.'),
  type: ZFlagType,
  state: z.enum(FLAG_STATES, `Choose a state: ${FLAG_STATES.join(', ')}.`),
  owner: z.uuid('Unknown person.'),
  feature: z.uuid('Unknown feature.'),
  q: z.string().trim().max(MAX_FLAG_KEY_LENGTH, `At most ${MAX_FLAG_KEY_LENGTH} characters.`),
} satisfies Record<(typeof FLAG_FILTER_PARAMS)[number], z.ZodType>;

/**
 * The filter given as query parameters; blank values mean "any". Each value that does not parse is
 * left out of the filter and named in `problems` (the page shows a notice, the API answers 400).
 */
export function parseFlagListQuery(params: Partial<Record<(typeof FLAG_FILTER_PARAMS)[number], string>>): { filter: FlagListFilter; problems: Record<string, string> } {
  const filter: FlagListFilter = {};
  const problems: Record<string, string> = {};
  for (const name of FLAG_FILTER_PARAMS) {
    const raw = params[name]?.trim();
    if (!raw) continue;
    const parsed = FILTER_SCHEMAS[name].safeParse(raw);
    if (!parsed.success) {
      problems[name] = parsed.error.issues[0]?.message ?? 'Not understood.';
      continue;
    }
    const value = parsed.data;
    if (name === 'team') filter.teamId = value;
    else if (name === 'type') filter.type = value as FlagType;
    else if (name === 'state') filter.state = value as FlagStateFilter;
    else if (name === 'owner') filter.ownerId = value;
    else if (name === 'feature') filter.featureId = value;
    else filter.q = value;
  }
  return { filter, problems };
}

/** Keyset cursor of the list (ordered by key): the last key of the page, base64url-encoded. */
export function encodeFlagCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeFlagCursor(cursor: string): string | null {
  const key = Buffer.from(cursor, 'base64url').toString('utf8');
  return key.length > 0 && key.length <= MAX_FLAG_KEY_LENGTH && encodeFlagCursor(key) === cursor ? key : null;
}
