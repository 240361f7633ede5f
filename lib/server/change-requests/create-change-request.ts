import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { checkContentReferences, contentColumns, contentSnapshot, saveContentVersion, writeContentLinks } from '@/lib/server/change-requests/change-content';
import { canFileChange, type Actor } from '@/lib/policy/permissions';
import type { ChangeRequestContent } from '@/lib/schemas/change-request';

type CreateChangeRequestInput = { actor: Actor; at: Date; content: ChangeRequestContent; requestId?: string };

/** Files a draft change request with its first content version, audited in the same transaction. */
export async function createChangeRequest({ actor, at, content, requestId }: CreateChangeRequestInput): Promise<{ id: string; number: number }> {
  if (!canFileChange(actor)) {
    await recordDeniedAttempt({ action: 'change.create-denied', entityType: 'change', actor, at, requestId });
    throw new DomainError('FORBIDDEN', 'Your role cannot file change requests.');
  }
  return db.$transaction(async (tx) => {
    await checkContentReferences(tx, content, actor.id);
    const change = await tx.changeRequest.create({
      data: { ...contentColumns(content), authorId: actor.id, createdAt: at },
      select: { id: true, number: true, contentVersion: true },
    });
    await writeContentLinks(tx, change.id, content);
    await saveContentVersion(tx, change.id, change.contentVersion, content, actor.id, at);
    await appendAudit(tx, { action: 'change.created', entityType: 'change', entityId: change.id, actor, at, requestId, changeSet: { status: { old: null, new: 'draft' }, ...contentSnapshot(content) } });
    return { id: change.id, number: change.number };
  });
}
