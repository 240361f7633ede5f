// Configuration changes (POL-012 CTRL-012.5): what a requester may send, from a form or the API, and
// how a record's stored `details` JSON is read back. A planned record may be incomplete (its checklist
// says what is missing); these schemas refuse only malformed input. Unknown fields are refused
// everywhere, so a forged `status`, `isReportedAfter` or `requestedById` is an error, never kept.
import { z } from 'zod';
import {
  CONFIG_CHANGE_STATUSES, CONFIG_CHANGE_TYPES, emptyConfigDetails,
  type ConfigChangeStatus, type ConfigChangeType, type ConfigDetails,
} from '@/lib/policy/config-change';
import { ZInstant } from '@/lib/schemas/change-request';
import { ZOptionalWebUrl, text as typedText } from '@/lib/schemas/text';

/** Text as these fields take it: a non-string is answered in words, not in zod's. */
const text = (max: number) => typedText(max, 'Enter text.');

/** Longest rollout TTL accepted: a week. Anything longer is a typo, not a rollout plan. */
export const MAX_DNS_TTL_SECONDS = 604_800;

const ZTtlSeconds = z
  .number('Enter a whole number of seconds.')
  .int('Enter a whole number of seconds.')
  .min(1, 'At least 1 second.')
  .max(MAX_DNS_TTL_SECONDS, `At most ${MAX_DNS_TTL_SECONDS.toLocaleString('en')} seconds (a week).`);

export const SECRET_ROTATION_MODES = ['automated', 'manual'] as const;

/**
 * Each type's details, field by field. The field that names what changes (the variable, the record,
 * the secret) is required; the process evidence may still be blank, and the checklist names it.
 */
const DETAIL_FIELDS = {
  env_var: { variable: text(200).min(1, 'Name the variable.'), pullRequestUrl: ZOptionalWebUrl, stagingTest: text(2000) },
  feature_flag: { flagKey: text(200), description: text(2000) },
  dns: { record: text(253).min(1, 'Name the DNS record.'), pullRequestUrl: ZOptionalWebUrl, rolloutTtlSeconds: ZTtlSeconds.nullable() },
  load_balancer: { pullRequestUrl: ZOptionalWebUrl },
  secret_rotation: {
    secretName: text(200).min(1, 'Name the secret.'),
    mode: z.enum(SECRET_ROTATION_MODES, 'Choose automated or manual.').nullable(),
    automationRunUrl: ZOptionalWebUrl,
  },
} satisfies { [T in ConfigChangeType]: { [K in keyof ConfigDetails<T>]: z.ZodType<ConfigDetails<T>[K]> } };

// Only a non-object is answered in these words; unknown keys keep zod's message naming the key.
const AS_OBJECT = { error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? 'Send the details as an object.' : undefined) };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A type's whole details: fields left out read as "not given yet" (the policy's empty details). */
function wholeDetails<T extends ConfigChangeType>(type: T) {
  return z.preprocess(
    (value) => (value === undefined ? emptyConfigDetails(type) : isPlainObject(value) ? { ...emptyConfigDetails(type), ...value } : value),
    z.strictObject(DETAIL_FIELDS[type], AS_OBJECT),
  ) as unknown as z.ZodType<ConfigDetails<T>>;
}

export const ZConfigDetails = {
  env_var: wholeDetails('env_var'),
  feature_flag: wholeDetails('feature_flag'),
  dns: wholeDetails('dns'),
  load_balancer: wholeDetails('load_balancer'),
  secret_rotation: wholeDetails('secret_rotation'),
} satisfies { [T in ConfigChangeType]: z.ZodType<ConfigDetails<T>> };

/** Any subset of a type's fields; the edit merges it over the stored details and checks the whole again. */
const ZConfigDetailsPatch = {
  env_var: z.strictObject(DETAIL_FIELDS.env_var, AS_OBJECT).partial(),
  feature_flag: z.strictObject(DETAIL_FIELDS.feature_flag, AS_OBJECT).partial(),
  dns: z.strictObject(DETAIL_FIELDS.dns, AS_OBJECT).partial(),
  load_balancer: z.strictObject(DETAIL_FIELDS.load_balancer, AS_OBJECT).partial(),
  secret_rotation: z.strictObject(DETAIL_FIELDS.secret_rotation, AS_OBJECT).partial(),
} satisfies Record<ConfigChangeType, z.ZodType>;

export type ConfigDetailsPatch = Partial<ConfigDetails>;

export const ZConfigChangeType = z.enum(CONFIG_CHANGE_TYPES, 'Choose a type of configuration change.');

const COMMON_FIELDS = {
  title: text(200).min(3, 'At least 3 characters.'),
  environmentId: z.uuid('Choose an environment.'),
  /** Optional: a change to shared infrastructure (DNS, a load balancer) may belong to no one service. */
  serviceId: z.uuid('Unknown service.').nullable(),
};

/** Every type's new-record shape, with `extra` fields beside it (a report's when and who). */
function recordsWith<E extends z.ZodRawShape>(extra: E) {
  const variant = <T extends ConfigChangeType>(type: T) =>
    z.strictObject({ type: z.literal(type), ...COMMON_FIELDS, serviceId: COMMON_FIELDS.serviceId.default(null), details: ZConfigDetails[type], ...extra });
  return z.discriminatedUnion('type', [variant('env_var'), variant('feature_flag'), variant('dns'), variant('load_balancer'), variant('secret_rotation')], {
    error: 'Choose a type of configuration change.',
  });
}

/** A change planned through its process (POST /api/v1/config-changes, the "new" form). */
export const ZNewConfigChange = recordsWith({});

export type NewConfigChange = z.infer<typeof ZNewConfigChange>;

const REPORT_FIELDS = {
  /** When it was made in production; the use-case refuses an instant after its own clock. */
  appliedAt: ZInstant,
  /** Who made it; null means the reporter did. */
  madeById: z.uuid('Choose who made the change.').nullable().default(null),
};

/**
 * A change already made in production outside its process, reported afterwards
 * (POST /api/v1/config-changes/reports, the "report" form). It is stored as applied and unauthorized.
 */
export const ZReportedConfigChange = recordsWith(REPORT_FIELDS);

export type ReportedConfigChange = z.infer<typeof ZReportedConfigChange>;

/** A version number as JSON carries it (never coerced from text). */
const ZVersion = z.number('Send the version as a number.').int('Send the version as a whole number.').positive('Send the version read.');

/**
 * An edit: any subset of the common fields, and `details` checked by the use-case against the
 * record's stored type (the type itself never changes: its process and confirmations would not carry over).
 */
export const ZConfigChangePatch = z.strictObject({
  title: COMMON_FIELDS.title.optional(),
  environmentId: COMMON_FIELDS.environmentId.optional(),
  serviceId: COMMON_FIELDS.serviceId.optional(),
  details: z.record(z.string(), z.unknown(), 'Send the details as an object.').optional(),
});

export type ConfigChangePatch = z.infer<typeof ZConfigChangePatch>;

/** PATCH /api/v1/config-changes/{id}: the row version read, and at least one field to change. */
export const ZEditConfigChangeBody = ZConfigChangePatch.extend({ version: ZVersion })
  .refine(({ version: _version, ...fields }) => Object.values(fields).some((value) => value !== undefined), { path: ['_'], message: 'Send at least one field to change besides the version.' });

/** POST …/confirmations and …/apply: the row version the caller read. */
export const ZConfigChangeVersionBody = z.strictObject({ version: ZVersion });

/**
 * A details patch parsed against the stored type, or the field errors keyed `details.<field>`, so a
 * form or an API client learns which field is wrong.
 */
export function parseConfigDetailsPatch(type: ConfigChangeType, details: unknown): { data: ConfigDetailsPatch } | { fieldErrors: Record<string, string[]> } {
  const parsed = ZConfigDetailsPatch[type].safeParse(details);
  if (parsed.success) return { data: parsed.data as ConfigDetailsPatch };
  return { fieldErrors: issuesByPath(parsed.error.issues, ['details']) };
}

/** The whole details of `type` after an edit, or the field errors keyed `details.<field>`. */
export function parseConfigDetails<T extends ConfigChangeType>(type: T, details: unknown): { data: ConfigDetails<T> } | { fieldErrors: Record<string, string[]> } {
  const parsed = ZConfigDetails[type].safeParse(details);
  if (parsed.success) return { data: parsed.data as ConfigDetails<T> };
  return { fieldErrors: issuesByPath(parsed.error.issues, ['details']) };
}

function issuesByPath(issues: readonly z.core.$ZodIssue[], prefix: string[]): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of issues) (fieldErrors[[...prefix, ...issue.path.map(String)].join('.')] ??= []).push(issue.message);
  return fieldErrors;
}

/**
 * The details stored for a record of `type`, field by field: a value the JSON lacks or holds in another
 * shape (written by hand, or by an older version) reads as "not given yet", so the checklist can only
 * ever under-report what is done, never over-report it.
 */
export function readStoredConfigDetails<T extends ConfigChangeType>(type: T, stored: unknown): ConfigDetails<T> {
  const source = isPlainObject(stored) ? stored : {};
  const details: Record<string, unknown> = { ...emptyConfigDetails(type) };
  for (const [field, schema] of Object.entries(DETAIL_FIELDS[type] as Record<string, z.ZodType>)) {
    const parsed = schema.safeParse(source[field]);
    if (parsed.success) details[field] = parsed.data;
  }
  return details as ConfigDetails<T>;
}

// ── Forms ───────────────────────────────────────────────────────────────────────────────────

export type DetailFieldKind = 'text' | 'url' | 'textarea' | 'ttl' | 'mode';

type DetailFieldText = { kind: DetailFieldKind; label: string; hint: string };

/** The link to the pull request that carries the change, blank until it is opened. */
const pullRequestField = (label: string): DetailFieldText => ({ kind: 'url', label, hint: 'http(s) link; blank until opened.' });

/** Each type's fields in form order, how the form shows each, and their labels and hints. */
export const CONFIG_DETAIL_FIELDS: { [T in ConfigChangeType]: { [K in keyof ConfigDetails<T>]: DetailFieldText } } = {
  env_var: {
    variable: { kind: 'text', label: 'Variable', hint: 'Its name, e.g. CHECKOUT_POOL_SIZE.' },
    pullRequestUrl: pullRequestField('Pull request to the config repository'),
    stagingTest: { kind: 'textarea', label: 'Staging test', hint: 'How it was tested in staging, and what it showed.' },
  },
  feature_flag: {
    flagKey: { kind: 'text', label: 'Flag key', hint: 'As in the flag inventory, e.g. payments-new-checkout-release.' },
    description: { kind: 'textarea', label: 'What changes', hint: 'e.g. rollout from 10% to 50%.' },
  },
  dns: {
    record: { kind: 'text', label: 'DNS record', hint: 'e.g. api.example.com CNAME.' },
    pullRequestUrl: pullRequestField('Pull request with the DNS change'),
    rolloutTtlSeconds: { kind: 'ttl', label: 'TTL during the rollout (seconds)', hint: 'Whole seconds, 1 to 604,800; low is at most 300.' },
  },
  load_balancer: {
    pullRequestUrl: pullRequestField('Infrastructure-as-code pull request'),
  },
  secret_rotation: {
    secretName: { kind: 'text', label: 'Secret', hint: 'Its name in the secret store, never its value.' },
    mode: { kind: 'mode', label: 'Rotation', hint: 'Manual rotations need a second person (two-person rule).' },
    automationRunUrl: { kind: 'url', label: 'Automated rotation run', hint: 'http(s) link to the run, for an automated rotation.' },
  },
};

/**
 * Each type's fields are named `<type>.<field>` in the form, so every type's group can be on the page
 * at once (without JavaScript all show) without two inputs sharing a name.
 */
export function configDetailFieldName(type: ConfigChangeType, field: string): string {
  return `${type}.${field}`;
}

/** A whole number typed in a form: blank is "not given" (null); anything else is left for the schema to refuse. */
function numberFromForm(value: string): number | string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * Reads the record form into the shape the schemas validate, taking only the chosen type's group.
 * `extra` names further plain fields the form carries (the report's who, the edit's version); a blank
 * service reads as "none" (null).
 */
export function configChangeFromForm(formData: FormData, extra: readonly string[] = []): Record<string, unknown> {
  const value = (name: string) => { const raw = formData.get(name); return typeof raw === 'string' ? raw : null; };
  const input: Record<string, unknown> = {};
  for (const name of ['title', 'environmentId', ...extra]) if (formData.has(name)) input[name] = value(name);
  if (formData.has('serviceId')) input.serviceId = value('serviceId') || null;
  input.type = value('type') ?? undefined;
  const type = ZConfigChangeType.safeParse(input.type);
  if (!type.success) return input;
  const details: Record<string, unknown> = {};
  for (const [field, { kind }] of Object.entries(CONFIG_DETAIL_FIELDS[type.data])) {
    const raw = value(configDetailFieldName(type.data, field)) ?? '';
    if (kind === 'ttl') details[field] = numberFromForm(raw);
    else if (kind === 'mode') details[field] = raw === '' ? null : raw;
    else details[field] = raw;
  }
  input.details = details;
  return input;
}

/**
 * A form's schema around `schema`: an issue in `details.<field>` is reported at the chosen type's
 * input, `<type>.<field>`, so the form shows it under that input (form actions key field errors by
 * the first path segment).
 */
export function configFormSchema<S extends z.ZodType>(schema: S) {
  return z.unknown().transform((input, ctx): z.infer<S> => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const type = ZConfigChangeType.safeParse((input as { type?: unknown } | null)?.type);
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [configFieldKey(type.success ? type.data : null, issue.path.map(String))], message: issue.message });
    return z.NEVER;
  });
}

/** The form field an issue at `path` belongs to. */
export function configFieldKey(type: ConfigChangeType | null, path: readonly string[]): string {
  const [head, field] = path;
  return head === 'details' && field && type ? configDetailFieldName(type, field) : (head ?? '_');
}

/** Field errors keyed `details.<field>` (from the use-cases) re-keyed to the form's `<type>.<field>` inputs. */
export function configFormFieldErrors(type: ConfigChangeType, fieldErrors: Partial<Record<string, string[]>> | undefined): Partial<Record<string, string[]>> | undefined {
  if (!fieldErrors) return undefined;
  return Object.fromEntries(Object.entries(fieldErrors).map(([key, messages]) => [configFieldKey(type, key.split('.')), messages]));
}

// ── The list's query ───────────────────────────────────────────────────────────────────────

export type ConfigChangeListFilter = {
  type?: ConfigChangeType;
  status?: ConfigChangeStatus;
  environmentId?: string;
  serviceId?: string;
  /** Only records made outside their process (reported afterwards). */
  isUnauthorizedOnly?: boolean;
};

/** A position in the list, newest first: the record's creation instant, its id breaking ties. */
export type ConfigChangeCursor = { createdAt: Date; id: string };

/** `1764000000000_<uuid>`: creation time in epoch milliseconds and id. */
export function encodeConfigChangeCursor(cursor: ConfigChangeCursor): string {
  return `${cursor.createdAt.getTime()}_${cursor.id}`;
}

export function decodeConfigChangeCursor(value: string): ConfigChangeCursor | undefined {
  const match = /^(\d{1,15})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(value);
  return match ? { createdAt: new Date(Number(match[1])), id: match[2]!.toLowerCase() } : undefined;
}

export const CONFIG_FILTER_PARAMS = ['type', 'status', 'environment', 'service', 'unauthorized'] as const;
export type ConfigFilterParam = (typeof CONFIG_FILTER_PARAMS)[number];

const FILTER_SCHEMAS: Record<ConfigFilterParam, z.ZodType<string>> = {
  type: ZConfigChangeType, status: z.enum(CONFIG_CHANGE_STATUSES), environment: z.uuid(), service: z.uuid(), unauthorized: z.enum(['true']),
};

export type ConfigChangeListQuery = {
  filter: ConfigChangeListFilter;
  /** The accepted filter values as the URL and the form carry them; rejected ones are left out. */
  values: Partial<Record<ConfigFilterParam, string>>;
  before?: ConfigChangeCursor;
  /** What was not understood, in words; keyed by parameter. */
  problems: Partial<Record<ConfigFilterParam | 'before', string>>;
};

type Params = Record<string, string | string[] | undefined>;

/**
 * Reads the list's filters and page without ever failing: a bad value (a hand-edited or stale link)
 * is dropped and named in `problems`, which the page shows and the API answers with a 400.
 */
export function parseConfigChangeListQuery(params: Params): ConfigChangeListQuery {
  const query: ConfigChangeListQuery = { filter: {}, values: {}, problems: {} };
  const single = (name: string) => { const raw = params[name]; const value = (Array.isArray(raw) ? raw[0] : raw)?.trim(); return value ? value : undefined; };
  for (const name of CONFIG_FILTER_PARAMS) {
    const value = single(name);
    if (value === undefined) continue;
    if (!FILTER_SCHEMAS[name].safeParse(value).success) {
      query.problems[name] = `Ignored the ${name} filter: it is not one of the choices.`;
      continue;
    }
    const accepted = name === 'environment' || name === 'service' ? value.toLowerCase() : value;
    query.values[name] = accepted;
    if (name === 'type') query.filter.type = accepted as ConfigChangeType;
    if (name === 'status') query.filter.status = accepted as ConfigChangeStatus;
    if (name === 'environment') query.filter.environmentId = accepted;
    if (name === 'service') query.filter.serviceId = accepted;
    if (name === 'unauthorized') query.filter.isUnauthorizedOnly = true;
  }
  const before = single('before');
  if (before !== undefined) {
    query.before = decodeConfigChangeCursor(before);
    if (!query.before) query.problems.before = 'That page link was not understood; showing the newest records.';
  }
  return query;
}
