import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';

export const AUDIT_PAGE_SIZE = 50;

const EVENT_SELECT = {
  seq: true, at: true, action: true, entityType: true, entityId: true, changeSet: true, requestId: true, actorId: true, tokenId: true,
} satisfies Prisma.AuditEventSelect;

export type AuditEventRow = Prisma.AuditEventGetPayload<{ select: typeof EVENT_SELECT }> & { actorName: string | null };

async function withActorNames(rows: Prisma.AuditEventGetPayload<{ select: typeof EVENT_SELECT }>[]): Promise<AuditEventRow[]> {
  const ids = [...new Set(rows.map((row) => row.actorId).filter((id): id is string => Boolean(id)))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const names = new Map(users.map((user) => [user.id, user.name ?? user.email]));
  return rows.map((row) => ({ ...row, actorName: row.actorId ? (names.get(row.actorId) ?? null) : null }));
}

/**
 * A change's own events and those of the records that belong to it (deployments, exception entries,
 * freeze overrides, migration plans), which are audited under their own ids. Gate checks are left
 * out: pipelines may ask many times, and each deployment names the decision it relied on.
 */
export async function changeEventsWhere(changeId: string): Promise<Prisma.AuditEventWhereInput> {
  const owned = { where: { changeRequestId: changeId }, select: { id: true } } as const;
  const [deployments, exceptions, overrides, migrations] = await Promise.all([
    db.deployment.findMany(owned),
    db.policyException.findMany(owned),
    db.freezeOverride.findMany(owned),
    db.migrationPlan.findMany(owned),
  ]);
  const ids = (rows: { id: string }[]) => ({ in: rows.map((row) => row.id) });
  return {
    OR: [
      { entityType: 'change', entityId: changeId },
      { entityType: 'deployment', entityId: ids(deployments) },
      { entityType: 'exception', entityId: ids(exceptions) },
      { entityType: 'freeze-override', entityId: ids(overrides) },
      { entityType: 'migration-plan', entityId: ids(migrations) },
    ],
  };
}

/** The timeline of one change, oldest first. */
export async function listChangeEvents(changeId: string): Promise<AuditEventRow[]> {
  const rows = await db.auditEvent.findMany({ where: await changeEventsWhere(changeId), orderBy: { seq: 'asc' }, select: EVENT_SELECT });
  return withActorNames(rows);
}

export type AuditFilter = {
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** The actor by email (case-insensitive); an unknown email matches no event. */
  actorEmail?: string;
  /** Half-open period [from, to) of the event instants. */
  from?: Date;
  to?: Date;
  beforeSeq?: bigint;
};

/** Newest first, keyset-paginated on the chain sequence. */
export async function listAuditEvents(filter: AuditFilter) {
  let actorId = filter.actorId;
  if (filter.actorEmail) {
    const actor = await db.user.findUnique({ where: { email: filter.actorEmail.toLowerCase() }, select: { id: true } });
    if (!actor || (actorId && actorId !== actor.id)) return { items: [] as AuditEventRow[], nextBeforeSeq: undefined, isActorUnknown: !actor };
    actorId = actor.id;
  }
  const rows = await db.auditEvent.findMany({
    where: {
      action: filter.action ? { startsWith: filter.action } : undefined,
      entityType: filter.entityType,
      entityId: filter.entityId,
      actorId,
      at: filter.from || filter.to ? { gte: filter.from, lt: filter.to } : undefined,
      seq: filter.beforeSeq ? { lt: filter.beforeSeq } : undefined,
    },
    orderBy: { seq: 'desc' },
    take: AUDIT_PAGE_SIZE + 1,
    select: EVENT_SELECT,
  });
  const items = await withActorNames(rows.slice(0, AUDIT_PAGE_SIZE));
  return { items, nextBeforeSeq: rows.length > AUDIT_PAGE_SIZE ? items.at(-1)!.seq : undefined, isActorUnknown: false };
}
