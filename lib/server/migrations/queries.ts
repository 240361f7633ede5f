// Reading migration plans (CTRL-012.3): the list, one plan with its checklist, a change's plans, and
// what the gate needs to know about them.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { listAuditEvents } from '@/lib/server/audit-events/queries';
import { PLAN_SELECT, planFacts, type PlanRow } from '@/lib/server/migrations/lock-migration-plan';
import { canManageMigrationPlans, canViewChange, type Actor } from '@/lib/policy/permissions';
import { migrationChangeRefusal, migrationChecklist, migrationChecklistMarkdown, migrationReadiness, rollbackRate } from '@/lib/policy/migration-plan';
import type { MigrationCursor, MigrationListFilter } from '@/lib/schemas/migration-plan';

export const MIGRATION_PAGE_SIZE = 25;

/**
 * The migration rollback rate KPI over the migrations that started in [from, to) (all time without a
 * period): one grouped count on the plans' status.
 */
export async function migrationRollbackRate(period: { from?: Date; to?: Date } = {}) {
  const groups = await db.migrationPlan.groupBy({
    by: ['status'],
    where: { status: { in: ['succeeded', 'rolled_back'] }, executedAt: { gte: period.from, lt: period.to } },
    _count: { _all: true },
  });
  const count = (status: 'succeeded' | 'rolled_back') => groups.find((group) => group.status === status)?._count._all ?? 0;
  return rollbackRate({ succeeded: count('succeeded'), rolledBack: count('rolled_back') });
}

/** Plans whose change the actor may see (canViewChange): drafts only for their author and team. */
function visiblePlans(actor: Actor | null): Prisma.MigrationPlanWhereInput {
  if (!actor) return { changeRequest: { status: { not: 'draft' } } };
  return {
    changeRequest: {
      OR: [{ status: { not: 'draft' } }, { authorId: actor.id }, ...(actor.teamId ? [{ teamId: actor.teamId }] : [])],
    },
  };
}

/** The checklist's progress in words the list can show: "5 of 8 done". */
function progressOf(row: PlanRow) {
  const items = migrationChecklist(planFacts(row));
  const done = items.filter((item) => item.isDone).length;
  return { done, total: items.length, isComplete: done === items.length };
}

const LIST_SELECT = {
  ...PLAN_SELECT,
  changeRequest: { select: { id: true, number: true, title: true, team: { select: { id: true, name: true } } } },
} satisfies Prisma.MigrationPlanSelect;

/** One page of the plans the actor may see, newest first; follow `older` for the next page. */
export async function listMigrationPlans(actor: Actor | null, filter: MigrationListFilter = {}, before?: MigrationCursor, pageSize = MIGRATION_PAGE_SIZE) {
  const rows = await db.migrationPlan.findMany({
    where: {
      AND: [
        visiblePlans(actor),
        filter.type ? { type: filter.type } : {},
        filter.status ? { status: filter.status } : {},
        filter.changeId ? { changeRequestId: filter.changeId } : {},
        filter.teamId ? { changeRequest: { teamId: filter.teamId } } : {},
        before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {},
      ],
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    // One extra row tells whether another page follows, without counting.
    take: pageSize + 1,
    select: LIST_SELECT,
  });
  const items = rows.slice(0, pageSize).map(({ changeRequest, ...plan }) => ({ ...plan, change: changeRequest, progress: progressOf(plan) }));
  const last = items.at(-1);
  return { items, older: rows.length > pageSize && last ? { createdAt: last.createdAt, id: last.id } : undefined };
}

export type MigrationListItem = Awaited<ReturnType<typeof listMigrationPlans>>['items'][number];

const DETAIL_SELECT = {
  ...PLAN_SELECT,
  changeRequest: {
    select: { id: true, number: true, title: true, status: true, authorId: true, teamId: true, team: { select: { name: true } }, coAuthors: { select: { userId: true } } },
  },
} satisfies Prisma.MigrationPlanSelect;

/**
 * One plan the actor may see, with its change, its checklist, what it holds at the gate and what the
 * actor may do with it; NOT_FOUND otherwise (a plan of another team's draft looks like a missing one).
 */
export async function getMigrationPlan(actor: Actor | null, planId: string) {
  const row = await db.migrationPlan.findUnique({ where: { id: planId }, select: DETAIL_SELECT });
  if (!row || !canViewChange(actor, row.changeRequest)) throw new DomainError('NOT_FOUND', 'No such migration plan.');
  const { changeRequest, ...plan } = row;
  const facts = planFacts(plan);
  const change = { ...changeRequest, coAuthorIds: changeRequest.coAuthors.map(({ userId }) => userId) };
  return {
    plan,
    facts,
    change,
    checklist: migrationChecklist(facts),
    readiness: migrationReadiness(facts),
    markdown: migrationChecklistMarkdown(facts),
    /** A null actor is a service token: the route's scope decides what it may do. */
    canManage: actor === null || canManageMigrationPlans(actor, change),
    /** Why the change takes no edits or starts any more, or null. */
    changeRefusal: migrationChangeRefusal(change.status),
  };
}

export type MigrationPlanView = Awaited<ReturnType<typeof getMigrationPlan>>;

type ChangeForSection = { id: string; status: string; authorId: string; teamId: string; coAuthors: readonly { user: { id: string } }[] };

/**
 * The change page's "Migration plans" section: the change's plans, oldest first, with their checklist
 * progress, and whether the viewer may add one now. The caller has already checked the change is visible.
 */
export async function changeMigrationsSection(actor: Actor, change: ChangeForSection) {
  const rows = await db.migrationPlan.findMany({ where: { changeRequestId: change.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: PLAN_SELECT });
  const ownership = { authorId: change.authorId, teamId: change.teamId, coAuthorIds: change.coAuthors.map(({ user }) => user.id) };
  return {
    plans: rows.map((row) => ({ id: row.id, title: row.title, type: row.type, status: row.status, progress: progressOf(row) })),
    canAdd: canManageMigrationPlans(actor, ownership) && migrationChangeRefusal(change.status) === null,
  };
}

/** The plan's own audit events, oldest first (at most the latest page of them). */
export async function listMigrationPlanEvents(planId: string) {
  const { items } = await listAuditEvents({ entityType: 'migration-plan', entityId: planId });
  return items.reverse();
}

