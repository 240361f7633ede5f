// Request bodies of the /api/v1 change endpoints. Change fields come from ZChangeRequestContent and
// ZChangeRequestPatch; the endpoints add the version being acted on. Unknown fields are refused.
import { z } from 'zod';
import { ZChangeRequestPatch } from '@/lib/schemas/change-request';
import { decodeCursor } from '@/lib/schemas/change-list-query';
import { text } from '@/lib/schemas/text';

/** A version number as JSON carries it (never coerced from text). */
const ZVersion = z.number({ error: 'Send the version as a number.' }).int().positive();

export const ZApprovalComment = text(5000);
export const ZCancelReason = text(2000).min(3, 'Say why (3+ characters).');

/** `version`: the row version the editor read; any subset of the content fields. */
export const ZEditChangeBody = ZChangeRequestPatch.extend({ version: ZVersion }).refine(({ version: _version, ...fields }) => Object.keys(fields).length > 0, {
  path: ['_'],
  message: 'Send at least one field to change besides the version.',
});

/** `version`: the row version the caller read. */
export const ZSubmitChangeBody = z.strictObject({ version: ZVersion });

export const ZCancelChangeBody = z.strictObject({ version: ZVersion, reason: ZCancelReason });

export const CHANGE_OUTCOMES = ['succeeded', 'failed', 'rolled_back'] as const;
export type ChangeOutcome = (typeof CHANGE_OUTCOMES)[number];

/** `version`: the row version the caller read; `outcome`: how the deployed change ended. */
export const ZCloseChangeBody = z.strictObject({ version: ZVersion, outcome: z.enum(CHANGE_OUTCOMES, 'Use succeeded, failed or rolled_back.') });

/** `version`: the content version the reviewer saw (what their decision is about). */
export const ZApprovalDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject'], 'Use "approve" or "reject".'),
  comment: ZApprovalComment.default(''),
  version: ZVersion,
}).refine((body) => body.decision === 'approve' || body.comment.length > 0, { path: ['comment'], message: 'Say why you reject it.' });

export const CHANGE_LIST_MAX_LIMIT = 100;

/**
 * Paging of GET /api/v1/changes (the filters are read by parseChangeListQuery, as the page reads
 * them). The cursor is the list's own position, opaque to clients.
 */
export function changeListPaging(defaultLimit: number) {
  return z.object({
    limit: z.coerce.number('Send a whole number.').int('Send a whole number.').min(1, 'At least 1.').max(CHANGE_LIST_MAX_LIMIT, `At most ${CHANGE_LIST_MAX_LIMIT}.`).default(defaultLimit),
    cursor: z.string().optional().transform((value, ctx) => {
      if (value === undefined) return undefined;
      const cursor = decodeCursor(value);
      if (!cursor) ctx.addIssue({ code: 'custom', message: 'Use the nextCursor of an earlier page.' });
      return cursor;
    }),
  });
}

/** A PR check: the pull request's changed paths, its class label and, for keyword rules, its title. */
export const ZClassifyBody = z.strictObject({
  paths: ZChangeRequestPatch.shape.changedPaths.unwrap(),
  label: ZChangeRequestPatch.shape.changeClass.unwrap(),
  // A pull request's title, read only for keywords: unlike a change's title it has no minimum.
  title: z.string().max(1000, 'At most 1,000 characters.').optional(),
});
