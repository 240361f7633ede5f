// Request body of POST /api/v1/gate/check (CTRL-012.2). Unknown fields are refused.
import { z } from 'zod';
import { text } from '@/lib/schemas/text';
import { ZInstant } from '@/lib/schemas/change-request';

export const ZGateCheckBody = z.strictObject({
  changeId: z.uuid('Send the change id.').transform((id) => id.toLowerCase()),
  /** The environment's slug, e.g. `production`. */
  environment: text(100).min(1, 'Send the environment slug.'),
  /** Ask explicitly to use the change's override, if one is in force. */
  useOverride: z.boolean().optional(),
  /** A moment to preview instead of now (ISO 8601 with an offset); the answer is marked as a preview. */
  at: ZInstant.optional(),
});

export type GateCheckRequest = z.output<typeof ZGateCheckBody>;
