import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { auditActor, expectPlanVersion, lockMigrationPlan, requireMigrationManager, requireOpenChange, savePlan } from '@/lib/server/migrations/lock-migration-plan';
import type { DryRunRecord } from '@/lib/policy/migration-plan';
import type { Actor } from '@/lib/policy/permissions';
import type { DryRunBody } from '@/lib/schemas/migration-plan';

type RecordDryRunInput = {
  /** The person recording, or null for a service token (a pipeline that ran the rehearsal). */
  actor: Actor | null;
  tokenId?: string | null;
  /** When the result is recorded, taken as when the dry run ran. */
  at: Date;
  planId: string;
  dryRun: DryRunBody;
  requestId?: string;
};

/**
 * Records a backfill's rehearsal (CTRL-012.3 "dry-run first"). The latest one counts: a failed dry
 * run keeps the plan incomplete until a successful one is recorded.
 */
export async function recordDryRun({ actor, tokenId = actor?.tokenId ?? null, at, planId, dryRun: { outcome, notes, version }, requestId }: RecordDryRunInput) {
  return db.$transaction(async (tx) => {
    const plan = await lockMigrationPlan(tx, actor, planId);
    await requireMigrationManager(actor, plan.change, { action: 'migration.dry-run-denied', entityType: 'migration-plan', entityId: plan.id, at, requestId });
    expectPlanVersion(plan, version);
    if (plan.facts.type !== 'data_backfill') throw new DomainError('INVALID', 'Only data backfills record dry runs.');
    requireOpenChange(plan.change.status);
    if (plan.status !== 'planned') throw new DomainError('CONFLICT', 'A dry run is recorded before the real run.');

    // A service token acts for no person, so the token itself is named as the recorder.
    const record: DryRunRecord = { ranAt: at.toISOString(), outcome, notes, recordedById: actor?.id ?? tokenId ?? '' };
    const before = plan.facts.details.dryRun;
    const newVersion = await savePlan(tx, plan, { details: { ...plan.facts.details, dryRun: record } as Prisma.InputJsonValue });
    await appendAudit(tx, {
      action: 'migration.dry-run-recorded', entityType: 'migration-plan', entityId: plan.id, actor: auditActor(actor, tokenId), at, requestId,
      changeSet: { before: { dryRun: before }, after: { dryRun: record } },
    });
    return { version: newVersion, dryRun: record };
  });
}
