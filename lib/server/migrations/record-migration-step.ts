import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { auditActor, expectPlanVersion, lockMigrationPlan, requireMigrationManager, requireOpenChange, savePlan } from '@/lib/server/migrations/lock-migration-plan';
import { executionRefusal, isStepFromStatus, statusAfter, type MigrationStep } from '@/lib/policy/migration-plan';
import type { Actor } from '@/lib/policy/permissions';

export type RecordMigrationStepInput = {
  /** The person recording, or null for a service token (the pipeline running the migration). */
  actor: Actor | null;
  tokenId?: string | null;
  /** When the step happened: the request's clock. */
  at: Date;
  planId: string;
  step: MigrationStep;
  /** Why it was rolled back (required for a roll back); an optional note on success. */
  reason?: string;
  /** The row version read, when the caller tracks it. */
  expectedVersion?: number;
  requestId?: string;
};

export const STEP_AUDIT_ACTION: Record<MigrationStep, string> = { start: 'migration.started', succeed: 'migration.succeeded', roll_back: 'migration.rolled-back' };

/** A roll back says why: the reason is the outcome auditors and the rollback rate KPI read. */
export function requireRollbackReason(step: MigrationStep, reason: string | undefined): string | null {
  const trimmed = reason?.trim() ?? '';
  if (step === 'roll_back' && trimmed.length < 3) throw new DomainError('INVALID', 'Say why it was rolled back.', { reason: ['Say why it was rolled back (3+ characters).'] });
  return trimmed === '' ? null : trimmed;
}

/**
 * Starts, succeeds or rolls back a whole (non-breaking) migration. It starts only with its checklist
 * complete (the rules' words say what is missing); breaking migrations move by phases instead.
 */
export async function recordMigrationStep({ actor, tokenId = actor?.tokenId ?? null, at, planId, step, reason, expectedVersion, requestId }: RecordMigrationStepInput) {
  const outcomeReason = requireRollbackReason(step, reason);
  return db.$transaction(async (tx) => {
    const plan = await lockMigrationPlan(tx, actor, planId);
    await requireMigrationManager(actor, plan.change, { action: 'migration.step-denied', entityType: 'migration-plan', entityId: plan.id, at, requestId });
    expectPlanVersion(plan, expectedVersion);
    if (step === 'start') requireOpenChange(plan.change.status);
    const refusal = executionRefusal(plan.facts, step);
    // A step the status does not admit lost a race or repeats one (409); anything else breaks a rule (422).
    if (refusal) throw new DomainError(isStepFromStatus(plan.status, step) ? 'INVALID' : 'CONFLICT', refusal);

    const status = statusAfter(step);
    const version = await savePlan(tx, plan, step === 'start' ? { status, executedAt: at } : { status, outcomeReason });
    await appendAudit(tx, {
      action: STEP_AUDIT_ACTION[step], entityType: 'migration-plan', entityId: plan.id, actor: auditActor(actor, tokenId), at, requestId,
      changeSet: { before: { status: plan.status }, after: { status, ...(step === 'start' ? { executedAt: at.toISOString() } : { outcomeReason }) } },
    });
    return { status, version };
  });
}
