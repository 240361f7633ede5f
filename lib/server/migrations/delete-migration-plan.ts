import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { expectPlanVersion, lockMigrationPlan, planSnapshot, requireMigrationManager, requireOpenChange } from '@/lib/server/migrations/lock-migration-plan';
import type { Actor } from '@/lib/policy/permissions';

type DeleteMigrationPlanInput = { actor: Actor; at: Date; planId: string; expectedVersion: number; requestId?: string };

/**
 * Removes a plan that never ran. Once any step ran, the plan is evidence of what happened and stays;
 * the audit event keeps the deleted plan's last content.
 */
export async function deleteMigrationPlan({ actor, at, planId, expectedVersion, requestId }: DeleteMigrationPlanInput) {
  return db.$transaction(async (tx) => {
    const plan = await lockMigrationPlan(tx, actor, planId);
    await requireMigrationManager(actor, plan.change, { action: 'migration.delete-denied', entityType: 'migration-plan', entityId: plan.id, at, requestId });
    expectPlanVersion(plan, expectedVersion);
    requireOpenChange(plan.change.status);
    if (plan.status !== 'planned' || plan.executedAt !== null) throw new DomainError('CONFLICT', 'A migration that has run is kept as evidence and cannot be deleted.');

    const { count } = await tx.migrationPlan.deleteMany({ where: { id: plan.id, version: plan.version } });
    if (count !== 1) throw new DomainError('CONFLICT', 'This migration plan was changed by someone else. Reload it and try again.');
    await appendAudit(tx, {
      action: 'migration.deleted', entityType: 'migration-plan', entityId: plan.id, actor, at, requestId,
      changeSet: { changeId: plan.changeRequestId, before: planSnapshot(plan.facts), after: null },
    });
    return { changeId: plan.changeRequestId };
  });
}
