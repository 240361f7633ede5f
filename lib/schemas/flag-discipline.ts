// Inputs of the flag-discipline pages (CTRL-012.4): the staleness report's filters, the monthly audit's
// decisions and user-facing features. The actor never comes from a form.
import { z } from 'zod';
import { BROKEN_TEXT_MESSAGE, isWellFormedText, NO_CONTROL_CHARS } from '@/lib/schemas/text';
import { FLAG_AUDIT_DECISIONS, MAX_EXTENSION_REASON_LENGTH, MIN_EXTENSION_REASON_LENGTH } from '@/lib/policy/flag-discipline';
import { isCalendarDate } from '@/lib/time/local-day';

const ZExpectedVersion = z.coerce.number().int().positive();

/** The staleness report's filters, as in the URL; a value that is not an id is reported, not applied. */
export const STALE_FLAG_FILTER_PARAMS = ['teamId', 'ownerId'] as const;
export type StaleFlagFilter = { teamId?: string; ownerId?: string };

export function parseStaleFlagFilter(params: Record<string, string | string[] | undefined>) {
  const filter: StaleFlagFilter = {};
  const problems: string[] = [];
  const words = { teamId: 'team', ownerId: 'owner' } as const;
  for (const name of STALE_FLAG_FILTER_PARAMS) {
    const raw = params[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (!value) continue;
    if (z.uuid().safeParse(value).success) filter[name] = value.toLowerCase();
    else problems.push(`The ${words[name]} filter was ignored: it names no ${words[name]}.`);
  }
  return { filter, problems };
}

/**
 * One decision on a monthly audit item: remove the flag, or keep it with a reason until a local date
 * (`YYYY-MM-DD` in the policy zone; the flag is stale again from the start of that day).
 */
export const ZFlagAuditDecision = z.discriminatedUnion('decision', [
  z.object({ itemId: z.uuid(), expectedVersion: ZExpectedVersion, decision: z.literal('removed') }),
  z.object({
    itemId: z.uuid(),
    expectedVersion: ZExpectedVersion,
    decision: z.literal('extended'),
    reason: z.string().trim()
      .min(MIN_EXTENSION_REASON_LENGTH, `Say why the flag stays, in at least ${MIN_EXTENSION_REASON_LENGTH} characters.`)
      .max(MAX_EXTENSION_REASON_LENGTH, `At most ${MAX_EXTENSION_REASON_LENGTH} characters.`)
      .regex(NO_CONTROL_CHARS, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE),
    extendedUntil: z.string().trim().refine(isCalendarDate, 'Choose a date that exists (YYYY-MM-DD).'),
  }),
], { error: `Choose ${FLAG_AUDIT_DECISIONS.join(' or ')}.` });
export type FlagAuditDecisionInput = z.infer<typeof ZFlagAuditDecision>;

/** Lowercase kebab case: the feature part of flag keys (`[team]-[feature]-[type]`). */
export const ZFeatureKey = z.string().trim()
  .min(2, 'At least 2 characters.')
  .max(60, 'At most 60 characters.')
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lowercase letters, digits and single hyphens only (kebab case), e.g. "new-checkout".');

const FEATURE_FIELDS = {
  key: ZFeatureKey,
  name: z.string().trim().min(1, 'Give it a name.').max(100, 'At most 100 characters.').regex(NO_CONTROL_CHARS, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE),
  description: z.string().trim().max(2000, 'At most 2,000 characters.').regex(NO_CONTROL_CHARS, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE),
  teamId: z.uuid('Choose a team.'),
};

export const ZFeatureCreate = z.object(FEATURE_FIELDS);
export type FeatureCreate = z.infer<typeof ZFeatureCreate>;

export const ZFeatureEdit = z.object({ featureId: z.uuid(), expectedVersion: ZExpectedVersion, ...FEATURE_FIELDS });
export type FeatureEdit = z.infer<typeof ZFeatureEdit>;
