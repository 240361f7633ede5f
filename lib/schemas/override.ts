// Input of freeze override grants and revocations, for the change page's forms and /api/v1.
// Who may grant, and how long an override may last, are the use-case's (policy settings), not the schema's.
import { z } from 'zod';
import { ZInstant } from '@/lib/schemas/change-request';
import { justificationProblem, MAX_JUSTIFICATION_LENGTH } from '@/lib/policy/override-rules';
import { BROKEN_TEXT_MESSAGE, isWellFormedText, NO_CONTROL_CHARS } from '@/lib/schemas/text';

/** The written justification: stored as typed (trimmed), shown as text. */
export const ZOverrideJustification = z
  .string('Explain why the freeze must be overridden.')
  .trim()
  .max(MAX_JUSTIFICATION_LENGTH, `Keep it under ${MAX_JUSTIFICATION_LENGTH} characters.`)
  .regex(NO_CONTROL_CHARS, 'Remove control characters.')
  .refine(isWellFormedText, BROKEN_TEXT_MESSAGE)
  .superRefine((text, context) => {
    const problem = justificationProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const MIN_REVOCATION_REASON_LENGTH = 10;
export const ZRevocationReason = z
  .string('Say why the override is revoked.')
  .trim()
  .min(MIN_REVOCATION_REASON_LENGTH, `Say why in at least ${MIN_REVOCATION_REASON_LENGTH} characters.`)
  .max(1_000, 'Keep it under 1000 characters.')
  .regex(NO_CONTROL_CHARS, 'Remove control characters.')
  .refine(isWellFormedText, BROKEN_TEXT_MESSAGE);

/** Hours from the grant; the policy's overrideMaxHours caps it in the use-case. */
const ZExpiresInHours = z.number('Enter a number of hours.').positive('Enter a number of hours above zero.').max(8_760, 'Enter at most 8760 hours.');

const ZUuid = z.uuid().transform((id) => id.toLowerCase());

const grantFields = {
  justification: ZOverrideJustification,
  /** Who asked for the override (the exceptions log's requester); the change's author when left out. */
  requestedById: ZUuid.optional(),
  /**
   * The override in force that this grant replaces, as the caller saw it. Granting while another is in
   * force without naming it is refused, so two racing grants cannot both take effect unseen.
   */
  supersedes: ZUuid.nullable().optional(),
};

const oneExpiry = (body: { expiresAt?: Date; expiresInHours?: number }) => (body.expiresAt === undefined) !== (body.expiresInHours === undefined);
const ONE_EXPIRY = { path: ['expiresAt'], message: 'Give the expiry either as hours from now or as a date and time (one of them).' };

/** POST /api/v1/changes/{id}/overrides. Unknown fields are refused. */
export const ZGrantOverrideBody = z
  .strictObject({ ...grantFields, expiresAt: ZInstant.optional(), expiresInHours: ZExpiresInHours.optional() })
  .refine(oneExpiry, ONE_EXPIRY);

export type GrantOverrideBody = z.output<typeof ZGrantOverrideBody>;

/** POST /api/v1/changes/{id}/overrides/{overrideId}/revoke. */
export const ZRevokeOverrideBody = z.strictObject({ reason: ZRevocationReason });

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/**
 * The change page's grant form: blank optional fields are left out; the hours field arrives as text.
 * `expiresAt` is the local date-time already turned into ISO 8601 in the policy zone by the action.
 */
export const ZGrantOverrideForm = z
  .object({
    changeId: ZUuid,
    justification: ZOverrideJustification,
    requestedById: z.preprocess(blankToUndefined, ZUuid.optional()),
    supersedes: z.preprocess((value) => blankToUndefined(value) ?? null, ZUuid.nullable()),
    expiresAt: z.preprocess(blankToUndefined, ZInstant.optional()),
    // Only text is read as a number: anything else is left for the schema to refuse (converting an
    // object calls its own toString, which may throw).
    expiresInHours: z.preprocess((value) => { const text = blankToUndefined(value); return typeof text === 'string' ? Number(text) : text; }, ZExpiresInHours.optional()),
  })
  .refine(oneExpiry, ONE_EXPIRY);

export const ZRevokeOverrideForm = z.object({ changeId: ZUuid, overrideId: ZUuid, reason: ZRevocationReason });

const HOUR_MS = 3_600_000;

/** The expiry instant a grant asks for: an explicit instant, or hours after the grant. */
export function requestedExpiry(input: { expiresAt?: Date; expiresInHours?: number }, grantedAt: Date): Date {
  return input.expiresAt ?? new Date(grantedAt.getTime() + (input.expiresInHours ?? 0) * HOUR_MS);
}
