import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { staleVersion } from '@/lib/server/admin/admin-steps';
import { deletedValues, requireFreezeCalendarEditor } from '@/lib/server/calendar/calendar-steps';
import { freezeSnapshot, loadFreeze } from '@/lib/server/calendar/freeze-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { DeclaredFreezeDelete } from '@/lib/schemas/calendar';

type DeleteDeclaredFreezeInput = { actor: Actor; at: Date } & DeclaredFreezeDelete;

/**
 * Removes a declared freeze (its scope rows go with it, by cascade). The row is deleted outright, not
 * flagged: a freeze is calendar configuration, and every reader of the calendar (the gate first) would
 * otherwise have to skip deleted rows, where one forgotten filter blocks deploys for no reason. The
 * audit event keeps the whole before-image, and gate decisions keep the reasons they gave at the time.
 */
export async function deleteDeclaredFreeze({ actor, at, freezeId, expectedVersion }: DeleteDeclaredFreezeInput): Promise<{ reason: string }> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'freeze', entityId: freezeId, verb: 'delete' });
  return db.$transaction(async (tx) => {
    const current = await loadFreeze(tx, freezeId);
    if (current.version !== expectedVersion) throw staleVersion('freeze');
    const { count } = await tx.declaredFreeze.deleteMany({ where: { id: freezeId, version: expectedVersion } });
    if (count !== 1) throw staleVersion('freeze');
    const before = { ...freezeSnapshot(current.content), version: current.version, createdById: current.createdById };
    await appendAudit(tx, { action: 'freeze.deleted', entityType: 'freeze', entityId: freezeId, actor, at, changeSet: deletedValues(before) });
    return { reason: current.content.reason };
  });
}
