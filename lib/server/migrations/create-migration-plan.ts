import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { lockChange } from '@/lib/server/change-requests/lock-change';
import { ownershipOf, planFacts, planSnapshot, requireMigrationManager, requireOpenChange } from '@/lib/server/migrations/lock-migration-plan';
import { emptyDetails } from '@/lib/policy/migration-plan';
import type { Actor } from '@/lib/policy/permissions';
import type { NewMigrationPlan } from '@/lib/schemas/migration-plan';

type CreateMigrationPlanInput = { actor: Actor; at: Date; changeId: string; plan: NewMigrationPlan; requestId?: string };

/**
 * Attaches a migration plan to a change (CTRL-012.3). A plan starts as "planned" and may be incomplete:
 * its checklist says what is missing, and the gate holds the change until it is complete.
 */
export async function createMigrationPlan({ actor, at, changeId, plan, requestId }: CreateMigrationPlanInput): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    // The change's lock orders this insert with a racing cancel or close of the change.
    const change = await lockChange(tx, actor, changeId);
    await requireMigrationManager(actor, ownershipOf(change), { action: 'migration.create-denied', entityType: 'change', entityId: change.id, at, requestId });
    requireOpenChange(change.status);

    const details = { ...emptyDetails(plan.type), ...plan.details };
    const { type, title, rollbackPlan, successCriteria, monitoring, communicationPlan } = plan;
    const created = await tx.migrationPlan.create({
      data: { changeRequestId: change.id, type, title, details: details as Prisma.InputJsonValue, rollbackPlan, successCriteria, monitoring, communicationPlan, createdAt: at },
      select: { id: true },
    });
    const after = planFacts({ type, title, status: 'planned', details, rollbackPlan, successCriteria, monitoring, communicationPlan });
    await appendAudit(tx, { action: 'migration.created', entityType: 'migration-plan', entityId: created.id, actor, at, requestId, changeSet: { changeId: change.id, before: null, after: planSnapshot(after) } });
    return created;
  });
}
