import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { staleVersion } from '@/lib/server/admin/admin-steps';
import { changedValues, requireFreezeCalendarEditor } from '@/lib/server/calendar/calendar-steps';
import { checkFreeze, freezeSnapshot, loadFreeze, scopeRows, type FreezeContent } from '@/lib/server/calendar/freeze-steps';
import type { Actor } from '@/lib/policy/permissions';

type UpdateDeclaredFreezeInput = { actor: Actor; at: Date; freezeId: string; expectedVersion: number } & FreezeContent;

/** Changes a declared freeze's reason, period or scope, on the version the editor saw. */
export async function updateDeclaredFreeze({ actor, at, freezeId, expectedVersion, ...freeze }: UpdateDeclaredFreezeInput): Promise<{ changed: boolean }> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'freeze', entityId: freezeId, verb: 'update' });
  return db.$transaction(async (tx) => {
    const current = await loadFreeze(tx, freezeId);
    if (current.version !== expectedVersion) throw staleVersion('freeze');
    const changeSet = changedValues(freezeSnapshot(current.content), freezeSnapshot(freeze));
    if (Object.keys(changeSet).length === 0) return { changed: false };
    await checkFreeze(tx, freeze);
    // Compare-and-set on the version first: the scope rows are replaced only by the edit that won.
    const { count } = await tx.declaredFreeze.updateMany({
      where: { id: freezeId, version: expectedVersion },
      data: { reason: freeze.reason, startsAt: freeze.startsAt, endsAt: freeze.endsAt, version: { increment: 1 } },
    });
    if (count !== 1) throw staleVersion('freeze');
    await tx.declaredFreezeService.deleteMany({ where: { declaredFreezeId: freezeId } });
    await tx.declaredFreezeEnvironment.deleteMany({ where: { declaredFreezeId: freezeId } });
    const { services, environments } = scopeRows(freeze);
    await tx.declaredFreezeService.createMany({ data: services.create.map((row) => ({ ...row, declaredFreezeId: freezeId })) });
    await tx.declaredFreezeEnvironment.createMany({ data: environments.create.map((row) => ({ ...row, declaredFreezeId: freezeId })) });
    await appendAudit(tx, { action: 'freeze.updated', entityType: 'freeze', entityId: freezeId, actor, at, changeSet });
    return { changed: true };
  });
}
