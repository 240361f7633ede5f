// The one audit writer. Every state change appends its event through the same transaction as the
// change; the database function chains it (see the audit_trail migration).
import { db, type Tx } from '@/lib/server/db';
import type { Actor } from '@/lib/policy/permissions';

export type AuditEvent = {
  /** `entity.past-verb`, e.g. `change.created`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** The person, or `{ id: null, tokenId }` for a service token, which acts for no one. */
  actor?: { id: Actor['id'] | null; tokenId?: Actor['tokenId'] } | null;
  at: Date;
  /** `{ field: { old, new } }` for edits, or the details of the event. */
  changeSet?: Record<string, unknown>;
  requestId?: string | null;
};

export async function appendAudit(tx: Tx, event: AuditEvent): Promise<bigint> {
  const rows = await tx.$queryRaw<{ seq: bigint }[]>`
    SELECT append_audit_event(
      ${event.at}::timestamptz, ${event.actor?.id ?? null}::uuid, ${event.actor?.tokenId ?? null}::uuid,
      ${event.action}, ${event.entityType}, ${event.entityId ?? null},
      ${JSON.stringify(event.changeSet ?? {})}::jsonb, ${event.requestId ?? null}
    ) AS seq`;
  return rows[0]!.seq;
}

/**
 * Records a refused attempt on its own connection: the caller's transaction is about to roll back.
 * Call it before the caller's transaction appends anything, since an append holds the chain head.
 */
export async function recordDeniedAttempt(event: AuditEvent): Promise<void> {
  await db.$transaction((tx) => appendAudit(tx, event));
}
