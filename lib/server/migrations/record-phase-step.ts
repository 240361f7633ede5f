import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { auditActor, expectPlanVersion, lockMigrationPlan, requireMigrationManager, requireOpenChange, savePlan } from '@/lib/server/migrations/lock-migration-plan';
import { requireRollbackReason, type RecordMigrationStepInput } from '@/lib/server/migrations/record-migration-step';
import { phaseStepRefusal, statusAfterPhase, type BreakingPhase, type MigrationStep, type PhaseRecord } from '@/lib/policy/migration-plan';

type RecordPhaseStepInput = RecordMigrationStepInput & { phase: BreakingPhase };

const PHASE_AUDIT_ACTION: Record<MigrationStep, string> = { start: 'migration.phase-started', succeed: 'migration.phase-succeeded', roll_back: 'migration.phase-rolled-back' };

const PHASE_STATUS_AFTER: Record<MigrationStep, PhaseRecord['status']> = { start: 'running', succeed: 'succeeded', roll_back: 'rolled_back' };

/**
 * Moves one phase of a breaking schema migration (expand → migrate → contract). A phase starts only
 * after every earlier one succeeded, so contract never runs before expand and migrate are done; the
 * plan is running from the first start, succeeded when contract succeeds, rolled back when any phase is.
 */
export async function recordPhaseStep({ actor, tokenId = actor?.tokenId ?? null, at, planId, phase, step, reason, expectedVersion, requestId }: RecordPhaseStepInput) {
  const phaseReason = requireRollbackReason(step, reason);
  return db.$transaction(async (tx) => {
    const plan = await lockMigrationPlan(tx, actor, planId);
    await requireMigrationManager(actor, plan.change, { action: 'migration.step-denied', entityType: 'migration-plan', entityId: plan.id, at, requestId });
    expectPlanVersion(plan, expectedVersion);
    if (step === 'start') requireOpenChange(plan.change.status);
    // Narrowing first: phaseStepRefusal refuses other types with the same words.
    if (plan.facts.type !== 'schema_breaking') throw new DomainError('INVALID', 'Only breaking schema migrations have phases.');
    const refusal = phaseStepRefusal(plan.facts, phase, step);
    if (refusal) {
      // A phase in the wrong state lost a race or repeats a step (409); order and completeness are rules (422).
      const isPendingStart = step === 'start' && plan.facts.details.phases[phase].status === 'pending';
      throw new DomainError(plan.status !== 'rolled_back' && isPendingStart ? 'INVALID' : 'CONFLICT', refusal);
    }

    const previous = plan.facts.details.phases[phase];
    const record: PhaseRecord = {
      status: PHASE_STATUS_AFTER[step],
      startedAt: step === 'start' ? at.toISOString() : previous.startedAt,
      finishedAt: step === 'start' ? null : at.toISOString(),
      reason: step === 'roll_back' ? phaseReason : previous.reason,
    };
    // A rolled-back rollout stays rolled back whatever phase is rolled back after it.
    const status = plan.status === 'rolled_back' ? 'rolled_back' : statusAfterPhase(phase, step);
    const details = { ...plan.facts.details, phases: { ...plan.facts.details.phases, [phase]: record } };
    const isFirstStart = plan.executedAt === null && step === 'start';
    const version = await savePlan(tx, plan, {
      status, details: details as Prisma.InputJsonValue,
      ...(isFirstStart ? { executedAt: at } : {}),
      ...(status !== plan.status && status !== 'running' ? { outcomeReason: phaseReason } : {}),
    });
    await appendAudit(tx, {
      action: PHASE_AUDIT_ACTION[step], entityType: 'migration-plan', entityId: plan.id, actor: auditActor(actor, tokenId), at, requestId,
      changeSet: { phase, before: { status: plan.status, phase: previous }, after: { status, phase: record } },
    });
    return { status, phase: record, version };
  });
}
