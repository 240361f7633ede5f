// Request bodies of POST /api/v1/deployments. Unknown fields are refused.
import { z } from 'zod';
import { ZInstant } from '@/lib/schemas/change-request';
import { text } from '@/lib/schemas/text';

export const DEPLOYMENT_STATUSES = ['started', 'succeeded', 'failed', 'rolled_back'] as const;

/** One deploy of a change to one environment, as the pipeline reports it. Name the environment by slug or by id. */
export const ZRecordDeploymentBody = z.strictObject({
  changeId: z.uuid('Send the change id.').transform((id) => id.toLowerCase()),
  environmentSlug: text(100).min(1).optional(),
  environmentId: z.uuid().transform((id) => id.toLowerCase()).optional(),
  status: z.enum(DEPLOYMENT_STATUSES, 'Use started, succeeded, failed or rolled_back.'),
  startedAt: ZInstant,
  finishedAt: ZInstant.nullable().optional(),
  commitSha: z.string().regex(/^[0-9a-f]{7,64}$/i, 'Use a hexadecimal commit id (7–64 characters).').transform((sha) => sha.toLowerCase()).optional(),
  /** The gate decision the pipeline acted on, when it has one. */
  gateDecisionId: z.uuid().transform((id) => id.toLowerCase()).optional(),
})
  .refine((body) => (body.environmentSlug === undefined) !== (body.environmentId === undefined), { path: ['environmentSlug'], message: 'Send environmentSlug or environmentId (one of them).' })
  .refine((body) => !body.finishedAt || body.finishedAt.getTime() >= body.startedAt.getTime(), { path: ['finishedAt'], message: 'A deploy finishes after it starts.' });

export type DeploymentRecord = z.output<typeof ZRecordDeploymentBody>;
