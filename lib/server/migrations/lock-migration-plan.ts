// Shared steps of every migration-plan state change (CTRL-012.3): lock the plan row, read it with
// the change it belongs to, refuse what the actor may not see or do, and write with the version check.
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { recordDeniedAttempt, type AuditEvent } from '@/lib/server/audit';
import { canManageMigrationPlans, canViewChange, type Actor, type MigrationPlanOwnership } from '@/lib/policy/permissions';
import { migrationChangeRefusal, type MigrationPlanFacts } from '@/lib/policy/migration-plan';
import { readStoredDetails } from '@/lib/schemas/migration-plan';

export const PLAN_SELECT = {
  id: true, changeRequestId: true, type: true, title: true, status: true, details: true, rollbackPlan: true, successCriteria: true,
  monitoring: true, communicationPlan: true, executedAt: true, outcomeReason: true, version: true, createdAt: true,
} satisfies Prisma.MigrationPlanSelect;

export type PlanRow = Prisma.MigrationPlanGetPayload<{ select: typeof PLAN_SELECT }>;

/** The plan as the pure rules read it, its stored details read field by field. */
export function planFacts(row: Pick<PlanRow, 'type' | 'title' | 'status' | 'rollbackPlan' | 'successCriteria' | 'monitoring' | 'communicationPlan'> & { details: unknown }): MigrationPlanFacts {
  return {
    type: row.type, title: row.title, status: row.status, details: readStoredDetails(row.type, row.details),
    rollbackPlan: row.rollbackPlan, successCriteria: row.successCriteria, monitoring: row.monitoring, communicationPlan: row.communicationPlan,
  } as MigrationPlanFacts;
}

/** What the audit trail keeps of a plan: everything its author wrote and every record on it. */
export function planSnapshot(facts: MigrationPlanFacts): Record<string, unknown> {
  const { type, title, status, details, rollbackPlan, successCriteria, monitoring, communicationPlan } = facts;
  return { type, title, status, details, rollbackPlan, successCriteria, monitoring, communicationPlan };
}

const OWNER_SELECT = { id: true, number: true, status: true, authorId: true, teamId: true, coAuthors: { select: { userId: true } } } satisfies Prisma.ChangeRequestSelect;

type OwnerRow = Prisma.ChangeRequestGetPayload<{ select: typeof OWNER_SELECT }>;

function ownerOf(change: OwnerRow) {
  return { id: change.id, number: change.number, status: change.status, authorId: change.authorId, teamId: change.teamId, coAuthorIds: change.coAuthors.map((row) => row.userId) };
}

/**
 * Locks the plan row and loads it with its change. The lock serialises every step on one plan, so two
 * racing "start" calls cannot both apply: the second reads the first one's result.
 * A null actor is a service token: it sees the plans of every change a signed-in user sees.
 */
export async function lockMigrationPlan(tx: Tx, actor: Actor | null, planId: string) {
  await tx.$queryRaw`SELECT 1 FROM migration_plan WHERE id = ${planId}::uuid FOR UPDATE`;
  const row = await tx.migrationPlan.findUnique({ where: { id: planId }, select: { ...PLAN_SELECT, changeRequest: { select: OWNER_SELECT } } });
  if (!row || !canViewChange(actor, row.changeRequest)) throw new DomainError('NOT_FOUND', 'No such migration plan.');
  const { changeRequest, ...plan } = row;
  return { ...plan, facts: planFacts(plan), change: ownerOf(changeRequest) };
}

export type LockedPlan = Awaited<ReturnType<typeof lockMigrationPlan>>;

/** The change's ownership as the permission reads it. */
export function ownershipOf(change: MigrationPlanOwnership): MigrationPlanOwnership {
  return { authorId: change.authorId, coAuthorIds: change.coAuthorIds, teamId: change.teamId };
}

type Attempt = { action: string; entityType: string; entityId: string; at: Date; requestId?: string };

/**
 * Only the change's author, co-authors, team and managers manage its plans; anyone else is refused
 * and the refusal is recorded as a denied attempt. A null actor is a service token, whose scope the
 * route checked: pipelines record the steps they run.
 */
export async function requireMigrationManager(actor: Actor | null, change: MigrationPlanOwnership, attempt: Attempt): Promise<void> {
  if (actor === null || canManageMigrationPlans(actor, change)) return;
  await recordDeniedAttempt({ ...attempt, actor });
  throw new DomainError('FORBIDDEN', "Only the change's author, co-authors, its team or a manager manage its migration plans.");
}

/** A cancelled or closed change takes no new plan, edit, dry run or start. */
export function requireOpenChange(changeStatus: string): void {
  const refusal = migrationChangeRefusal(changeStatus);
  if (refusal) throw new DomainError('CONFLICT', refusal);
}

/** When given, the version the caller read must still be the plan's. */
export function expectPlanVersion(plan: { version: number }, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && plan.version !== expectedVersion) {
    throw new DomainError('STALE_VERSION', 'This migration plan was changed meanwhile. Reload it and try again.');
  }
}

/** Writes the plan only at the version read (compare-and-set on top of the row lock), and moves the version on. */
export async function savePlan(tx: Tx, plan: { id: string; version: number }, data: Prisma.MigrationPlanUpdateManyMutationInput): Promise<number> {
  const { count } = await tx.migrationPlan.updateMany({ where: { id: plan.id, version: plan.version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw new DomainError('CONFLICT', 'This migration plan was changed by someone else. Reload it and try again.');
  return plan.version + 1;
}

/** The audit actor: the person, or a service token that acts for no one. */
export function auditActor(actor: Actor | null, tokenId: string | null | undefined): AuditEvent['actor'] {
  return actor ?? { id: null, tokenId: tokenId ?? null };
}

