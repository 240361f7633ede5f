import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { checkContentReferences, contentColumns, contentSnapshot, saveContentVersion, writeContentLinks } from '@/lib/server/change-requests/change-content';
import { currentContent, expectVersion, isChangeOwner, lockChange, materialContent } from '@/lib/server/change-requests/lock-change';
import { isEditable, materialDifferences, statusAfterEdit } from '@/lib/policy/change-lifecycle';
import type { Actor } from '@/lib/policy/permissions';
import { ZChangeRequestContent, type ChangeRequestPatch } from '@/lib/schemas/change-request';

type UpdateChangeRequestInput = {
  actor: Actor;
  at: Date;
  changeId: string;
  /** The row version the editor saw; a concurrent edit makes this one stale. */
  expectedVersion: number;
  patch: ChangeRequestPatch;
  requestId?: string;
};

/**
 * Edits a change. A material edit (what is deployed and where) starts a new content version, so the
 * approvals given so far stay on the version they approved; documentation edits keep them.
 */
export async function updateChangeRequest({ actor, at, changeId, expectedVersion, patch, requestId }: UpdateChangeRequestInput) {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    if (!isChangeOwner(actor, change)) {
      await recordDeniedAttempt({ action: 'change.edit-denied', entityType: 'change', entityId: change.id, actor, at, requestId });
      throw new DomainError('FORBIDDEN', 'Only the author or a co-author edits a change.');
    }
    expectVersion(change, expectedVersion);
    if (!isEditable(change.status)) throw new DomainError('CONFLICT', `A ${change.status} change can no longer be edited.`);

    const before = currentContent(change);
    const merged = ZChangeRequestContent.safeParse({ ...before, ...patch });
    if (!merged.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of merged.error.issues) (fieldErrors[String(issue.path[0] ?? '_')] ??= []).push(issue.message);
      throw new DomainError('INVALID', 'The edited change is not valid.', fieldErrors);
    }
    const after = merged.data;
    await checkContentReferences(tx, after, change.authorId);

    const material = materialDifferences(materialContent(before), materialContent(after));
    const isMaterial = material.length > 0;
    const contentVersion = isMaterial ? change.contentVersion + 1 : change.contentVersion;
    const status = statusAfterEdit(change.status, isMaterial);
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { ...contentColumns(after), contentVersion, status, version: { increment: 1 } },
      select: { id: true },
    });
    await writeContentLinks(tx, change.id, after);
    if (isMaterial) await saveContentVersion(tx, change.id, contentVersion, after, actor.id, at);

    const beforeSnapshot = contentSnapshot(before);
    const afterSnapshot = contentSnapshot(after);
    const changed = Object.fromEntries(
      Object.keys(afterSnapshot)
        .filter((key) => JSON.stringify(beforeSnapshot[key]) !== JSON.stringify(afterSnapshot[key]))
        .map((key) => [key, { old: beforeSnapshot[key], new: afterSnapshot[key] }]),
    );
    await appendAudit(tx, {
      action: 'change.edited', entityType: 'change', entityId: change.id, actor, at, requestId,
      changeSet: { ...changed, material, contentVersion: { old: change.contentVersion, new: contentVersion }, ...(status !== change.status ? { status: { old: change.status, new: status } } : {}) },
    });
    return { contentVersion, status, isMaterial };
  });
}
