// What /api/v1 says about migration plans (CTRL-012.3): plain JSON with UTC ISO times, never Prisma
// rows. Every plan carries its checklist and what it holds at the gate, in the rules' words.
import type { MigrationListItem, MigrationPlanView } from '@/lib/server/migrations/queries';
import type { PolicyReason } from '@/lib/policy/decision';
import { changeReference } from '@/lib/policy/change-class';
import { MIGRATION_TYPE_LABEL, MIGRATION_TYPE_REQUIREMENT } from '@/lib/policy/migration-plan';

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

const reasonDto = ({ control, code, message }: PolicyReason) => ({ control, code, message });

/** One plan with its checklist and readiness. */
export function migrationPlanDto({ plan, facts, change, checklist, readiness }: MigrationPlanView) {
  return {
    id: plan.id,
    change: { id: change.id, reference: changeReference(change.number), title: change.title, status: change.status },
    type: facts.type,
    typeLabel: MIGRATION_TYPE_LABEL[facts.type],
    /** The policy's words for the type. */
    requirement: MIGRATION_TYPE_REQUIREMENT[facts.type],
    title: facts.title,
    status: facts.status,
    /** The row version: send it back to edit (and, optionally, with steps). */
    version: plan.version,
    details: facts.details,
    rollbackPlan: facts.rollbackPlan,
    successCriteria: facts.successCriteria,
    monitoring: facts.monitoring,
    communicationPlan: facts.communicationPlan,
    executedAt: iso(plan.executedAt),
    outcomeReason: plan.outcomeReason,
    createdAt: iso(plan.createdAt),
    checklist: checklist.map(({ key, label, isDone, missing }) => ({ key, label, isDone, missing })),
    isComplete: checklist.every((item) => item.isDone),
    /** Why the gate holds the change because of this plan; empty once complete or finished. */
    readiness: readiness.map(reasonDto),
  };
}

export type MigrationPlanDto = ReturnType<typeof migrationPlanDto>;

/** A row of the plan list. */
export function migrationListItemDto(item: MigrationListItem) {
  return {
    id: item.id,
    change: { id: item.change.id, reference: changeReference(item.change.number), title: item.change.title },
    team: { id: item.change.team.id, name: item.change.team.name },
    type: item.type,
    typeLabel: MIGRATION_TYPE_LABEL[item.type],
    title: item.title,
    status: item.status,
    checklist: { done: item.progress.done, total: item.progress.total, isComplete: item.progress.isComplete },
    createdAt: iso(item.createdAt),
  };
}
