// Input shapes of the audit trail: checkpoints (files and API bodies) and the audit page's filters.
import { z } from 'zod';

/** A checkpoint of the chain kept outside the database: `{ seq, hash, at }` as exported. */
export const ZAuditCheckpoint = z.object({
  seq: z.union([z.string().regex(/^\d{1,18}$/, 'A chain sequence number.'), z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)]).transform(String),
  hash: z.string().regex(/^[0-9a-fA-F]{64}$/, 'A SHA-256 hash in hex (64 characters).').transform((hash) => hash.toLowerCase()),
  /** When the checkpoint was taken (informational; not verified). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type AuditCheckpointInput = z.infer<typeof ZAuditCheckpoint>;
