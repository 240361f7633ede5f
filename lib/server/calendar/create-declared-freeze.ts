import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { requireFreezeCalendarEditor } from '@/lib/server/calendar/calendar-steps';
import { checkFreeze, freezeSnapshot, scopeRows, type FreezeContent } from '@/lib/server/calendar/freeze-steps';
import type { Actor } from '@/lib/policy/permissions';

type CreateDeclaredFreezeInput = { actor: Actor; at: Date } & FreezeContent;

/**
 * Declares a freeze over the half-open period [startsAt, endsAt): only emergency changes deploy in it
 * (CTRL-012.2). Empty service and environment lists mean every service and every environment.
 */
export async function createDeclaredFreeze({ actor, at, ...freeze }: CreateDeclaredFreezeInput): Promise<{ id: string }> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'freeze', verb: 'declare' });
  return db.$transaction(async (tx) => {
    await checkFreeze(tx, freeze);
    const created = await tx.declaredFreeze.create({
      data: { reason: freeze.reason, startsAt: freeze.startsAt, endsAt: freeze.endsAt, createdById: actor.id, createdAt: at, ...scopeRows(freeze) },
      select: { id: true },
    });
    await appendAudit(tx, { action: 'freeze.declared', entityType: 'freeze', entityId: created.id, actor, at, changeSet: freezeSnapshot(freeze) });
    return created;
  });
}
