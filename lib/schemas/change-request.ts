import { z } from 'zod';
import { CHANGE_CLASSES, RISK_LEVELS } from '@/lib/policy/change-class';
import { BROKEN_TEXT_MESSAGE, isWellFormedText, text } from '@/lib/schemas/text';

const MAX_LIST = 50;
const MAX_INCIDENT_LINKS = 20;

/** How a change relates to an incident: it restores service (`fixes`) or the incident is attributed to it (`caused`). */
export const INCIDENT_LINKS = ['fixes', 'caused'] as const;

export type IncidentLink = (typeof INCIDENT_LINKS)[number];

/** Only http(s) links: a `javascript:` URL must never become a clickable link. */
const ZWebUrl = z.url({ protocol: /^https?$/, error: 'Use an http(s) link.' }).max(2000);

/**
 * An ISO 8601 instant with an explicit offset (impossible dates such as 2026-02-30 are refused).
 * Server code re-validating stored content passes Date objects, which are taken as they are.
 */
export const ZInstant = z.preprocess(
  // An invalid Date has no ISO text (toISOString throws): it is left for the schema to refuse.
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString() : value),
  z.iso.datetime({ offset: true, error: 'Enter a date and time that exists (once) in the policy time zone; the API takes ISO 8601 with an offset, e.g. 2026-03-06T15:00:00Z.' }).transform((value) => new Date(value)),
);

/** Each (incident, link) pair once: a change may both fix and have caused the same incident. */
const ZIncidentLinks = z
  .array(z.strictObject({ incidentId: z.uuid('Unknown incident.'), link: z.enum(INCIDENT_LINKS, 'Choose fixes or caused.') }))
  .max(MAX_INCIDENT_LINKS, `At most ${MAX_INCIDENT_LINKS} incident links.`)
  .refine((links) => new Set(links.map(({ incidentId, link }) => `${incidentId}:${link}`)).size === links.length, 'Link each incident at most once per kind.');

/** A repository-relative path of the change's scope. */
const ZChangedPath = z.string().trim().min(1).max(500).regex(/^[^\u0000-\u001F\u007F]*$/, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE);

const FIELDS = {
  title: text(200).min(5, 'At least 5 characters.'),
  description: text(20_000),
  changeClass: z.enum(CHANGE_CLASSES, 'Choose a class.'),
  risk: z.enum(RISK_LEVELS, 'Choose a risk level.'),
  teamId: z.uuid('Choose a team.'),
  serviceIds: z.array(z.uuid('Unknown service.')).min(1, 'Choose at least one service.').max(MAX_LIST, `At most ${MAX_LIST} services.`),
  environmentIds: z.array(z.uuid('Unknown environment.')).max(MAX_LIST),
  pullRequestUrls: z.array(ZWebUrl).max(MAX_LIST, `At most ${MAX_LIST} pull requests.`),
  prLabel: z.enum(CHANGE_CLASSES).nullable(),
  changedPaths: z.array(ZChangedPath).max(5000, 'At most 5,000 paths.'),
  adrUrl: ZWebUrl.nullable(),
  rollbackPlan: text(20_000),
  notes: text(20_000),
  plannedStart: ZInstant.nullable(),
  plannedEnd: ZInstant.nullable(),
  prOpenedAt: ZInstant.nullable(),
  coAuthorIds: z.array(z.uuid('Unknown person.')).max(10),
  incidentLinks: ZIncidentLinks,
};

/** What a new change says about the fields its author left out. */
const DEFAULTS = {
  description: '', risk: 'low', environmentIds: [], pullRequestUrls: [], prLabel: null, changedPaths: [], adrUrl: null,
  rollbackPlan: '', notes: '', plannedStart: null, plannedEnd: null, prOpenedAt: null, coAuthorIds: [], incidentLinks: [],
};

/**
 * Everything a change request says; create and edit take the same fields. Unknown fields are
 * refused, so a forged `authorId` or `status` is an error rather than silently dropped.
 */
export const ZChangeRequestContent = z.preprocess(
  (input) => (typeof input === 'object' && input !== null ? { ...DEFAULTS, ...input } : input),
  z.strictObject(FIELDS).refine((content) => !content.plannedStart || !content.plannedEnd || content.plannedEnd > content.plannedStart, {
    path: ['plannedEnd'],
    message: 'The planned end must be after its start.',
  }),
);

export type ChangeRequestContent = z.infer<typeof ZChangeRequestContent>;

/** An edit: any subset of the fields; the merged result is validated as a whole by the use-case. */
export const ZChangeRequestPatch = z.strictObject(FIELDS).partial();

export type ChangeRequestPatch = z.infer<typeof ZChangeRequestPatch>;
