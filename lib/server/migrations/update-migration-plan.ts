import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { expectPlanVersion, lockMigrationPlan, planFacts, planSnapshot, requireMigrationManager, requireOpenChange, savePlan } from '@/lib/server/migrations/lock-migration-plan';
import { emptyDetails } from '@/lib/policy/migration-plan';
import type { Actor } from '@/lib/policy/permissions';
import { parseDetailsPatch, type MigrationPlanPatch } from '@/lib/schemas/migration-plan';

type UpdateMigrationPlanInput = {
  actor: Actor;
  at: Date;
  planId: string;
  /** The row version the editor saw; a concurrent edit or step makes this one stale. */
  expectedVersion: number;
  patch: MigrationPlanPatch;
  requestId?: string;
};

/**
 * Edits a planned migration. A new type starts its details afresh from that type's empty details
 * (its old fields, phases or dry run say nothing about the new type); other details merge over the stored ones.
 * Assumption: only a planned migration is edited: once it runs, its plan is what was documented
 * "before execution" and stays as evidence.
 */
export async function updateMigrationPlan({ actor, at, planId, expectedVersion, patch, requestId }: UpdateMigrationPlanInput) {
  return db.$transaction(async (tx) => {
    const plan = await lockMigrationPlan(tx, actor, planId);
    await requireMigrationManager(actor, plan.change, { action: 'migration.edit-denied', entityType: 'migration-plan', entityId: plan.id, at, requestId });
    expectPlanVersion(plan, expectedVersion);
    requireOpenChange(plan.change.status);
    if (plan.status !== 'planned') throw new DomainError('CONFLICT', `A ${plan.status.replace('_', ' ')} migration can no longer be edited.`);

    const type = patch.type ?? plan.type;
    const detailsPatch = parseDetailsPatch(type, patch.details ?? {});
    if ('fieldErrors' in detailsPatch) throw new DomainError('INVALID', `The details do not fit a ${type.replace('_', ' ')} migration.`, detailsPatch.fieldErrors);
    const base = type === plan.type ? plan.facts.details : emptyDetails(type);
    const details = { ...base, ...detailsPatch.data };
    const { details: _details, type: _type, ...fields } = patch;
    const before = planSnapshot(plan.facts);
    const after = planSnapshot(planFacts({ ...plan, ...fields, type, details }));
    const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length === 0) return { version: plan.version, changed };

    const version = await savePlan(tx, plan, { ...fields, type, details: details as Prisma.InputJsonValue });
    await appendAudit(tx, {
      action: 'migration.updated', entityType: 'migration-plan', entityId: plan.id, actor, at, requestId,
      changeSet: { changed, before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, after[key]])) },
    });
    return { version, changed };
  });
}
