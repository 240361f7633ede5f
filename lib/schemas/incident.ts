// Input of the incident forms and /api/v1/incidents (CTRL-012.2). The API takes ISO 8601 instants;
// the forms take `datetime-local` times typed in the policy zone. Unknown fields are refused.
import { z } from 'zod';
import { INCIDENT_SEVERITIES, RESOLVED_BEFORE_START, type IncidentSeverity } from '@/lib/policy/incident';
import { ZInstant } from '@/lib/schemas/change-request';
import { text } from '@/lib/schemas/text';
import { localInputToIso } from '@/lib/time/local-input';

const MAX_SERVICES = 50;

export const ZIncidentSeverity = z.enum(INCIDENT_SEVERITIES, 'Choose a severity: sev1, sev2, sev3 or sev4 (SEV1 is the worst).');

/** A required instant; a missing one gets a message naming the field rather than the format. */
// The string side of ZInstant (its Date pass-through is for server code, never for input).
const requiredInstant = (missing: string) => z.string(missing).min(1, missing).pipe(ZInstant.out);

/** A version number as JSON carries it; forms send text, which is coerced. */
const ZVersion = z.number({ error: 'Send the version as a number.' }).int().positive();
const ZFormVersion = z.coerce.number().int().positive();

const FIELDS = {
  title: text(200).min(1, 'Give the incident a title.'),
  summary: text(5000),
  severity: ZIncidentSeverity,
  startedAt: requiredInstant('Enter when it started.'),
  commanderId: z.uuid('Choose the incident commander.'),
  serviceIds: z.array(z.uuid('Unknown service.')).max(MAX_SERVICES, `At most ${MAX_SERVICES} services.`),
};

const resolvedAfterStart = {
  path: ['resolvedAt'],
  message: RESOLVED_BEFORE_START,
  // Checked whenever both times are valid, even if other fields are not, so a form shows every error at once;
  // never when the input is not an object at all (an issue at the root: `null` would crash the check).
  when: ({ issues }: { issues: readonly { code?: string; path?: readonly PropertyKey[] }[] }) =>
    !issues.some((issue) => (issue.code === 'invalid_type' && !issue.path?.length) || issue.path?.[0] === 'startedAt' || issue.path?.[0] === 'resolvedAt'),
};

/**
 * A new incident. `resolvedAt` records one that is already over (e.g. synced from an incident tool).
 * Assumption: affected services may be unknown when an incident is declared, so the list may be empty
 * and filled in later; the block of an active SEV1/SEV2 does not depend on them.
 */
const DECLARE_FIELDS = {
  ...FIELDS,
  summary: FIELDS.summary.default(''),
  serviceIds: FIELDS.serviceIds.default([]),
  resolvedAt: ZInstant.nullable().default(null),
};

export const ZDeclareIncident = z.strictObject(DECLARE_FIELDS).refine((input) => !input.resolvedAt || input.resolvedAt >= input.startedAt, resolvedAfterStart);

export type DeclareIncidentInput = z.infer<typeof ZDeclareIncident>;

/** What an edit may change; resolving and reopening are steps of their own. */
export const ZIncidentPatch = z.strictObject(FIELDS).partial();

export type IncidentPatch = z.infer<typeof ZIncidentPatch>;

// ── API bodies ────────────────────────────────────────────────────────────────────────────────

/**
 * POST /api/v1/incidents. `commanderId` may be left out by a person (they command it themselves);
 * a service token acts for no one, so the route asks it to name the commander.
 */
export const ZDeclareIncidentBody = z
  .strictObject({ ...DECLARE_FIELDS, commanderId: FIELDS.commanderId.optional() })
  .refine((input) => !input.resolvedAt || input.resolvedAt >= input.startedAt, resolvedAfterStart);

/**
 * PATCH /api/v1/incidents/{id}: `version` (the row version read) and either fields to edit, or
 * `resolvedAt` alone: an instant resolves the incident, null reopens it. Resolving is its own step
 * (and audit event) so the evidence says plainly when and by whom an incident was closed.
 */
export const ZIncidentPatchBody = z
  .strictObject({ version: ZVersion, resolvedAt: ZInstant.nullable().optional(), ...ZIncidentPatch.shape })
  .superRefine(({ version: _version, resolvedAt, ...fields }, ctx) => {
    const edited = Object.keys(fields);
    if (resolvedAt !== undefined && edited.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['resolvedAt'], message: `Send resolvedAt on its own (with version): resolving or reopening is a separate step from editing ${edited.join(', ')}.` });
    }
    if (resolvedAt === undefined && edited.length === 0) ctx.addIssue({ code: 'custom', path: ['_'], message: 'Send at least one field to change besides the version.' });
  });

export type IncidentPatchBody = z.infer<typeof ZIncidentPatchBody>;

// ── Forms ─────────────────────────────────────────────────────────────────────────────────────

const TEXT_FIELDS = ['title', 'summary', 'severity', 'commanderId'] as const;
/** `datetime-local` inputs, typed in the policy zone. */
const LOCAL_TIME_FIELDS = ['startedAt', 'resolvedAt'] as const;

/**
 * Reads an incident form into the shape its schema validates: local times become ISO instants in the
 * policy zone (a time skipped or repeated by a daylight-saving change is left as typed, for the schema
 * to refuse), blank optional times become null, and the service checkboxes a list.
 */
export function incidentFromForm(formData: FormData, timeZone: string): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) if (formData.has(field)) input[field] = formData.get(field);
  // An unticked checkbox group submits nothing at all, so the list is always read.
  input.serviceIds = formData.getAll('serviceIds');
  for (const field of LOCAL_TIME_FIELDS) {
    const value = formData.get(field);
    // A blank start stays blank (and is refused as missing); a blank resolution means "still going on".
    if (typeof value === 'string') input[field] = localInputToIso(value, timeZone) ?? (field === 'startedAt' ? '' : null);
  }
  for (const field of ['incidentId', 'version'] as const) if (formData.has(field)) input[field] = formData.get(field);
  return input;
}

/** Reads the resolve form: its local time becomes an instant in the policy zone (blank stays blank, refused as missing). */
export function resolutionFromForm(formData: FormData, timeZone: string): Record<string, unknown> {
  const resolvedAt = formData.get('resolvedAt');
  return {
    incidentId: formData.get('incidentId'),
    version: formData.get('version'),
    resolvedAt: typeof resolvedAt === 'string' ? (localInputToIso(resolvedAt, timeZone) ?? '') : resolvedAt,
  };
}

/** The declare form: the schema of a new incident. */
export const ZDeclareIncidentForm = ZDeclareIncident;

/** The edit form: every editable field, and the incident and version it was loaded at. */
export const ZEditIncidentForm = z.strictObject({ ...FIELDS, startedAt: FIELDS.startedAt.optional(), incidentId: z.uuid(), version: ZFormVersion });

/**
 * Reads the edit form. The form shows the start to the minute, so an untouched start (typed value
 * equal to the one shown) is left out: it keeps its recorded seconds, and a start in a repeated
 * daylight-saving hour does not have to be typed again with an offset.
 */
export function incidentEditFromForm(formData: FormData, timeZone: string): Record<string, unknown> {
  const input = incidentFromForm(formData, timeZone);
  if (formData.get('startedAt') === formData.get('startedAtShown')) delete input.startedAt;
  return input;
}

/** The resolve form: when it ended (defaults to now in the form). */
export const ZResolveIncidentForm = z.strictObject({ incidentId: z.uuid(), version: ZFormVersion, resolvedAt: requiredInstant('Enter when it was resolved.') });

/** The reopen form. */
export const ZReopenIncidentForm = z.strictObject({ incidentId: z.uuid(), version: ZFormVersion });

// ── The list's query ──────────────────────────────────────────────────────────────────────────

export const INCIDENT_STATES = ['active', 'resolved', 'all'] as const;
export type IncidentState = (typeof INCIDENT_STATES)[number];

export type IncidentListFilter = { state: IncidentState; severity?: IncidentSeverity; serviceId?: string };

/** A position in the list, newest first: the start instant, the number breaking ties. */
export type IncidentCursor = { startedAt: Date; number: number };

/** `1764000000000_42`: start time in epoch milliseconds and incident number. */
export function encodeIncidentCursor(cursor: IncidentCursor): string {
  return `${cursor.startedAt.getTime()}_${cursor.number}`;
}

export function decodeIncidentCursor(value: string): IncidentCursor | undefined {
  const match = /^(-?\d{1,15})_(\d{1,10})$/.exec(value);
  if (!match) return undefined;
  const startedAt = new Date(Number(match[1]));
  const number = Number(match[2]);
  return Number.isNaN(startedAt.getTime()) || number > 2_147_483_647 ? undefined : { startedAt, number };
}

export const INCIDENT_FILTER_PARAMS = ['state', 'severity', 'service'] as const;
export type IncidentFilterParam = (typeof INCIDENT_FILTER_PARAMS)[number];

const FILTER_SCHEMAS: Record<IncidentFilterParam, z.ZodType<string>> = { state: z.enum(INCIDENT_STATES), severity: ZIncidentSeverity, service: z.uuid() };

export type IncidentListQuery = {
  filter: IncidentListFilter;
  /** The accepted filter values as the URL and the form carry them; rejected ones are left out. */
  values: Partial<Record<IncidentFilterParam, string>>;
  before?: IncidentCursor;
  /** What was not understood, in words, keyed by parameter. */
  problems: Partial<Record<IncidentFilterParam | 'before', string>>;
};

type Params = Record<string, string | string[] | undefined>;

/**
 * Reads the list's filters and page without failing: a bad value (a hand-edited or stale link) is
 * dropped and named in `problems`, which the page shows and the API answers with a 400.
 */
export function parseIncidentListQuery(params: Params): IncidentListQuery {
  const query: IncidentListQuery = { filter: { state: 'all' }, values: {}, problems: {} };
  const single = (name: string) => { const raw = params[name]; const value = (Array.isArray(raw) ? raw[0] : raw)?.trim(); return value ? value : undefined; };
  for (const name of INCIDENT_FILTER_PARAMS) {
    const value = single(name);
    if (value === undefined) continue;
    if (!FILTER_SCHEMAS[name].safeParse(value).success) {
      query.problems[name] = `Ignored the ${name} filter: it is not one of the choices.`;
      continue;
    }
    const accepted = name === 'service' ? value.toLowerCase() : value;
    query.values[name] = accepted;
    if (name === 'state') query.filter.state = accepted as IncidentState;
    if (name === 'severity') query.filter.severity = accepted as IncidentSeverity;
    if (name === 'service') query.filter.serviceId = accepted;
  }
  const before = single('before');
  if (before !== undefined) {
    query.before = decodeIncidentCursor(before);
    if (!query.before) query.problems.before = 'That page link was not understood; showing the newest incidents.';
  }
  return query;
}
