// Migration plans (POL-012 CTRL-012.3): what a plan's author may send, from a form or the API, and how
// its stored `details` JSON is read back. A draft plan may be incomplete (its checklist says what is
// missing); these schemas refuse only malformed input. Unknown fields are refused everywhere, so a
// forged `status`, `phases` or `dryRun` is an error rather than silently kept.
import { z } from 'zod';
import {
  BREAKING_PHASES, MIGRATION_STATUSES, MIGRATION_TYPES, PHASE_STATUSES, emptyDetails, emptyPhases,
  type BreakingPhase, type DryRunRecord, type MigrationDetails, type MigrationStatus, type MigrationType, type PhaseRecord,
} from '@/lib/policy/migration-plan';
import { ZOptionalWebUrl, text as typedText } from '@/lib/schemas/text';

/** Text as these fields take it: a non-string is answered in words, not in zod's. */
const text = (max: number) => typedText(max, 'Enter text.');

/** A long narrative field (plans, criteria, strategies). */
const narrative = () => text(10_000);

export const MAX_BATCH_SIZE = 10_000_000;

const ZBoolean = z.boolean('Send true or false.');

/**
 * The fields of each type that its author fills in. The rest of a type's details (a breaking change's
 * phases, a backfill's dry run) are records that only the step use-cases write.
 */
const EDITABLE_DETAILS = {
  schema_additive: { isBackwardCompatible: ZBoolean, stagingTest: narrative() },
  schema_breaking: { consumers: narrative(), isConsumersCoordinated: ZBoolean },
  data_backfill: {
    /** Rows per batch; null while not decided. */
    batchSize: z.number('Enter a whole number.').int('Enter a whole number.').positive('Enter a batch size above 0.').max(MAX_BATCH_SIZE, `At most ${MAX_BATCH_SIZE.toLocaleString('en')} rows per batch.`).nullable(),
    rateLimit: text(500),
    resumeStrategy: narrative(),
  },
  infrastructure: { rolloutStrategy: z.enum(['blue_green', 'canary'], 'Choose blue-green or canary.').nullable(), stagingTest: narrative() },
  framework: { adrUrl: ZOptionalWebUrl, incrementalPlan: narrative(), isCoexistenceConfirmed: ZBoolean },
} satisfies Record<MigrationType, z.ZodRawShape>;

export type EditableDetails<T extends MigrationType> = { [K in keyof (typeof EDITABLE_DETAILS)[T]]: z.infer<(typeof EDITABLE_DETAILS)[T][K]> };

/** Any subset of a type's editable fields; the use-cases merge it over the details stored (or empty ones). */
export const ZDetailsPatch = {
  schema_additive: z.strictObject(EDITABLE_DETAILS.schema_additive).partial(),
  schema_breaking: z.strictObject(EDITABLE_DETAILS.schema_breaking).partial(),
  data_backfill: z.strictObject(EDITABLE_DETAILS.data_backfill).partial(),
  infrastructure: z.strictObject(EDITABLE_DETAILS.infrastructure).partial(),
  framework: z.strictObject(EDITABLE_DETAILS.framework).partial(),
} satisfies Record<MigrationType, z.ZodType>;

export type DetailsPatch = Partial<EditableDetails<MigrationType>> & Record<string, unknown>;

export const ZMigrationType = z.enum(MIGRATION_TYPES, 'Choose a migration type.');

const COMMON_FIELDS = {
  title: text(200).min(3, 'At least 3 characters.'),
  rollbackPlan: narrative(),
  successCriteria: narrative(),
  monitoring: narrative(),
  communicationPlan: narrative(),
};

/** The shared narrative fields: blank until written (the checklist names each one missing). */
const COMMON_DEFAULTED = {
  title: COMMON_FIELDS.title,
  rollbackPlan: COMMON_FIELDS.rollbackPlan.default(''),
  successCriteria: COMMON_FIELDS.successCriteria.default(''),
  monitoring: COMMON_FIELDS.monitoring.default(''),
  communicationPlan: COMMON_FIELDS.communicationPlan.default(''),
};

/** Every type's new-plan shape, with `extra` fields beside (the change of an API create, a form's hidden ids). */
function plansWith<E extends z.ZodRawShape>(extra: E) {
  const variant = <T extends MigrationType, D extends z.ZodObject>(type: T, details: D) =>
    z.strictObject({ type: z.literal(type), ...COMMON_DEFAULTED, details: details.default(() => ({}) as z.core.util.NoUndefined<z.output<D>>), ...extra });
  return z.discriminatedUnion('type', [
    variant('schema_additive', ZDetailsPatch.schema_additive), variant('schema_breaking', ZDetailsPatch.schema_breaking),
    variant('data_backfill', ZDetailsPatch.data_backfill), variant('infrastructure', ZDetailsPatch.infrastructure), variant('framework', ZDetailsPatch.framework),
  ], { error: 'Choose a migration type.' });
}

/** A new plan: its type, title and whatever of the rest is known yet. */
export const ZNewMigrationPlan = plansWith({});

export type NewMigrationPlan = z.infer<typeof ZNewMigrationPlan>;

/** A version number as JSON carries it (never coerced from text). */
const ZVersion = z.number({ error: 'Send the version as a number.' }).int().positive();

/** POST /api/v1/migrations: the change it belongs to, and the plan. */
export const ZCreateMigrationPlanBody = plansWith({ changeId: z.uuid('Unknown change.') });

/**
 * Reports each issue of `details` against `type` at `details.<field>`, so a form or an API client
 * learns which field is wrong.
 */
function checkDetails(type: MigrationType, details: unknown, ctx: z.RefinementCtx) {
  const parsed = ZDetailsPatch[type].safeParse(details);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['details', ...issue.path], message: issue.message });
}

/**
 * An edit: any subset of the fields. A new `type` starts its details afresh; `details` are checked
 * against the type sent here, or by the use-case against the stored type when none is sent.
 */
const PATCH_FIELDS = {
  type: ZMigrationType.optional(),
  ...Object.fromEntries(Object.entries(COMMON_FIELDS).map(([name, schema]) => [name, schema.optional()])) as { [K in keyof typeof COMMON_FIELDS]: z.ZodOptional<(typeof COMMON_FIELDS)[K]> },
  details: z.record(z.string(), z.unknown(), 'Send the details as an object.').optional(),
};

const checkPatchDetails = (patch: { type?: MigrationType; details?: Record<string, unknown> }, ctx: z.RefinementCtx) => {
  if (patch.type && patch.details !== undefined) checkDetails(patch.type, patch.details, ctx);
};

export const ZMigrationPlanPatch = z.strictObject(PATCH_FIELDS).superRefine(checkPatchDetails);

export type MigrationPlanPatch = z.infer<typeof ZMigrationPlanPatch>;

/** PATCH /api/v1/migrations/{id}: the row version read, and at least one field to change. */
// One strict object (not an intersection, which lets unknown keys such as a forged `status` through).
export const ZEditMigrationPlanBody = z.strictObject({ ...PATCH_FIELDS, version: ZVersion })
  .superRefine(checkPatchDetails)
  .refine(({ version: _version, ...fields }) => Object.values(fields).some((value) => value !== undefined), { path: ['_'], message: 'Send at least one field to change besides the version.' });

/**
 * A type's details patch parsed against the type, or the field errors keyed `details.<field>`.
 * The use-cases call it when the type to check against is only known from the stored plan.
 */
export function parseDetailsPatch(type: MigrationType, details: unknown): { data: DetailsPatch } | { fieldErrors: Record<string, string[]> } {
  const parsed = ZDetailsPatch[type].safeParse(details);
  if (parsed.success) return { data: parsed.data };
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (fieldErrors[['details', ...issue.path].join('.')] ??= []).push(issue.message);
  return { fieldErrors };
}

// ── Steps ──────────────────────────────────────────────────────────────────────────────────

export const MIGRATION_STEPS = ['start', 'succeed', 'roll_back'] as const;

export const ZRollbackReason = text(2000).min(3, 'Say why it was rolled back (3+ characters).');

/**
 * One execution step. A roll back needs its reason; a breaking migration names the phase.
 * `version`, when sent, must be the row version read (a pipeline that does not track it may omit it:
 * the row lock and the state rules still refuse a step that no longer applies).
 */
export const ZMigrationStepBody = z.strictObject({
  step: z.enum(MIGRATION_STEPS, 'Use start, succeed or roll_back.'),
  phase: z.enum(BREAKING_PHASES, 'Use expand, migrate or contract.').optional(),
  reason: text(2000).optional(),
  version: ZVersion.optional(),
}).superRefine((body, ctx) => {
  if (body.step !== 'roll_back') return;
  const reason = ZRollbackReason.safeParse(body.reason ?? '');
  if (!reason.success) ctx.addIssue({ code: 'custom', path: ['reason'], message: reason.error.issues[0]!.message });
});

export type MigrationStepBody = z.infer<typeof ZMigrationStepBody>;

export const DRY_RUN_OUTCOMES = ['succeeded', 'failed'] as const;

/** A backfill's rehearsal: how it went and what it showed. */
export const ZDryRunBody = z.strictObject({
  outcome: z.enum(DRY_RUN_OUTCOMES, 'Use succeeded or failed.'),
  notes: text(5000).default(''),
  version: ZVersion.optional(),
});

export type DryRunBody = z.infer<typeof ZDryRunBody>;

// ── Stored details ─────────────────────────────────────────────────────────────────────────

const ZStoredInstant = z.iso.datetime();

const ZPhaseRecord = z.object({
  status: z.enum(PHASE_STATUSES),
  startedAt: ZStoredInstant.nullable(),
  finishedAt: ZStoredInstant.nullable(),
  reason: z.string().nullable(),
});

const ZDryRunRecord = z.object({ ranAt: ZStoredInstant, outcome: z.enum(DRY_RUN_OUTCOMES), notes: z.string(), recordedById: z.string() });

/**
 * The details stored for a plan of `type`, field by field: a value the JSON lacks or holds in another
 * shape (a row written before a type change, or by hand) reads as "not given yet", so the checklist
 * can only ever under-report what is done, never over-report it.
 */
export function readStoredDetails<T extends MigrationType>(type: T, stored: unknown): MigrationDetails<T> {
  const source: Record<string, unknown> = typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const details: Record<string, unknown> = { ...emptyDetails(type) };
  for (const [field, schema] of Object.entries(EDITABLE_DETAILS[type] as Record<string, z.ZodType>)) {
    const parsed = schema.safeParse(source[field]);
    if (parsed.success) details[field] = parsed.data;
  }
  if (type === 'schema_breaking') {
    const phases = emptyPhases();
    const storedPhases = (source.phases ?? {}) as Record<string, unknown>;
    for (const phase of BREAKING_PHASES) {
      const parsed = ZPhaseRecord.safeParse(storedPhases[phase]);
      if (parsed.success) phases[phase] = parsed.data satisfies PhaseRecord;
    }
    details.phases = phases satisfies Record<BreakingPhase, PhaseRecord>;
  }
  if (type === 'data_backfill') {
    const parsed = ZDryRunRecord.safeParse(source.dryRun);
    details.dryRun = parsed.success ? (parsed.data satisfies DryRunRecord) : null;
  }
  return details as MigrationDetails<T>;
}

// ── The plan form ──────────────────────────────────────────────────────────────────────────

/**
 * Each type's fields are named `<type>.<field>` in the form, so that without JavaScript every type's
 * group can show at once without two inputs sharing a name (both schema_additive and infrastructure
 * have a staging test).
 */
export function detailFieldName(type: MigrationType, field: string): string {
  return `${type}.${field}`;
}

/** The editable fields of each type, in form order, and how the form shows each. */
export const DETAIL_FIELD_KINDS: { [T in MigrationType]: { [K in keyof (typeof EDITABLE_DETAILS)[T]]: 'checkbox' | 'text' | 'textarea' | 'number' | 'strategy' } } = {
  schema_additive: { isBackwardCompatible: 'checkbox', stagingTest: 'textarea' },
  schema_breaking: { consumers: 'textarea', isConsumersCoordinated: 'checkbox' },
  data_backfill: { batchSize: 'number', rateLimit: 'text', resumeStrategy: 'textarea' },
  infrastructure: { rolloutStrategy: 'strategy', stagingTest: 'textarea' },
  framework: { adrUrl: 'text', incrementalPlan: 'textarea', isCoexistenceConfirmed: 'checkbox' },
};

const COMMON_FORM_FIELDS = ['title', 'rollbackPlan', 'successCriteria', 'monitoring', 'communicationPlan'] as const;

/** A whole number typed in a form: blank is "not decided" (null); anything else is left for the schema to refuse. */
function numberFromForm(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Reads the plan form into the shape ZNewMigrationPlan validates, taking only the chosen type's
 * group. An unticked checkbox submits nothing, so it reads as false; a blank strategy reads as null.
 * `extra` names further plain fields the form carries (the change, the plan version).
 */
export function migrationPlanFromForm(formData: FormData, extra: readonly string[] = []): Record<string, unknown> {
  const value = (name: string) => { const raw = formData.get(name); return typeof raw === 'string' ? raw : null; };
  const input: Record<string, unknown> = {};
  for (const name of [...COMMON_FORM_FIELDS, ...extra]) if (formData.has(name)) input[name] = value(name);
  const type = ZMigrationType.safeParse(value('type'));
  input.type = value('type') ?? undefined;
  if (!type.success) return input;
  const details: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(DETAIL_FIELD_KINDS[type.data])) {
    const raw = value(detailFieldName(type.data, field));
    if (kind === 'checkbox') details[field] = raw !== null;
    else if (kind === 'number') details[field] = numberFromForm(raw ?? '');
    else if (kind === 'strategy') details[field] = raw ? raw : null;
    else details[field] = raw ?? '';
  }
  input.details = details;
  return input;
}

/**
 * The plan form's schema: a new plan with the form's own fields beside it. An issue in
 * `details.<field>` is reported at the chosen type's input, `<type>.<field>`, so the form shows it
 * under that input (form actions key field errors by the first path segment).
 */
export function migrationPlanFormSchema<E extends z.ZodRawShape>(extra: E) {
  const schema = plansWith(extra);
  return z.unknown().transform((input, ctx): z.infer<typeof schema> => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const type = ZMigrationType.safeParse((input as { type?: unknown } | null)?.type);
    for (const issue of parsed.error.issues) {
      const [head, field] = issue.path.map(String);
      const key = head === 'details' && field && type.success ? detailFieldName(type.data, field) : (head ?? '_');
      ctx.addIssue({ code: 'custom', path: [key], message: issue.message });
    }
    return z.NEVER;
  });
}

// ── The list's query ───────────────────────────────────────────────────────────────────────

export type MigrationListFilter = { type?: MigrationType; status?: MigrationStatus; teamId?: string; changeId?: string };

/** A position in the list, newest first: the plan's creation instant, its id breaking ties. */
export type MigrationCursor = { createdAt: Date; id: string };

/** `1764000000000_<uuid>`: creation time in epoch milliseconds and id. */
export function encodeMigrationCursor(cursor: MigrationCursor): string {
  return `${cursor.createdAt.getTime()}_${cursor.id}`;
}

export function decodeMigrationCursor(value: string): MigrationCursor | undefined {
  const match = /^(\d{1,15})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(value);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() } : undefined;
}

export const MIGRATION_FILTER_PARAMS = ['type', 'status', 'team', 'change'] as const;
export type MigrationFilterParam = (typeof MIGRATION_FILTER_PARAMS)[number];

const FILTER_SCHEMAS: Record<MigrationFilterParam, z.ZodType<string>> = {
  type: ZMigrationType, status: z.enum(MIGRATION_STATUSES), team: z.uuid(), change: z.uuid(),
};

const FILTER_LABELS: Record<MigrationFilterParam, string> = { type: 'type', status: 'status', team: 'team', change: 'change' };

export type MigrationListQuery = {
  filter: MigrationListFilter;
  /** The accepted filter values as the URL and the form carry them; rejected ones are left out. */
  values: Partial<Record<MigrationFilterParam, string>>;
  before?: MigrationCursor;
  /** What was not understood, in words; keyed by parameter. */
  problems: Partial<Record<MigrationFilterParam | 'before', string>>;
};

type Params = Record<string, string | string[] | undefined>;

/**
 * Reads the list's filters and page without ever failing: a bad value (a hand-edited or stale link)
 * is dropped and named in `problems`, which the page shows and the API answers with a 400.
 */
export function parseMigrationListQuery(params: Params): MigrationListQuery {
  const query: MigrationListQuery = { filter: {}, values: {}, problems: {} };
  const single = (name: string) => { const raw = params[name]; const value = (Array.isArray(raw) ? raw[0] : raw)?.trim(); return value ? value : undefined; };
  for (const name of MIGRATION_FILTER_PARAMS) {
    const value = single(name);
    if (value === undefined) continue;
    if (!FILTER_SCHEMAS[name].safeParse(value).success) {
      query.problems[name] = `Ignored the ${FILTER_LABELS[name]} filter: it is not one of the choices.`;
      continue;
    }
    const accepted = name === 'team' || name === 'change' ? value.toLowerCase() : value;
    query.values[name] = accepted;
    if (name === 'type') query.filter.type = accepted as MigrationType;
    if (name === 'status') query.filter.status = accepted as MigrationStatus;
    if (name === 'team') query.filter.teamId = accepted;
    if (name === 'change') query.filter.changeId = accepted;
  }
  const before = single('before');
  if (before !== undefined) {
    query.before = decodeMigrationCursor(before);
    if (!query.before) query.problems.before = 'That page link was not understood; showing the newest plans.';
  }
  return query;
}
