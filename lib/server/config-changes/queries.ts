// Reading configuration changes (CTRL-012.5): the list, one record with its checklist and
// confirmations, the form's choices, and the count of unauthorized ones for the KPIs.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { listAuditEvents } from '@/lib/server/audit-events/queries';
import { listEnvironments, listServices } from '@/lib/server/catalog/queries';
import { CONFIG_CHANGE_SELECT, configFacts, ownershipOf, type ConfigChangeRow } from '@/lib/server/config-changes/lock-config-change';
import {
  CONFIG_CHANGE_PROCESS, canManageConfigChange, configChecklist, configReadiness, confirmationRefusal, needsConfirmation, unauthorizedConfigReason,
} from '@/lib/policy/config-change';
import { canFileChange, type Actor } from '@/lib/policy/permissions';
import type { ConfigChangeCursor, ConfigChangeListFilter } from '@/lib/schemas/config-change';

export const CONFIG_CHANGE_PAGE_SIZE = 25;
export const CONFIG_CHANGE_LIST_MAX_LIMIT = 100;

const person = { select: { id: true, name: true, email: true } } as const;

const VIEW_SELECT = {
  ...CONFIG_CHANGE_SELECT,
  environment: { select: { id: true, name: true } },
  service: { select: { id: true, name: true } },
  requestedBy: { select: { id: true, name: true, email: true, teamId: true } },
  confirmations: { select: { confirmerId: true, confirmedAt: true, confirmer: person }, orderBy: [{ confirmedAt: 'asc' }, { confirmerId: 'asc' }] },
} satisfies Prisma.ConfigChangeSelect;

type ViewRow = Prisma.ConfigChangeGetPayload<{ select: typeof VIEW_SELECT }>;

/** Where a record stands against its process: checklist, what keeps it from being applied, whether it was outside the process. */
function standing(row: Pick<ConfigChangeRow, 'type' | 'details' | 'requestedById' | 'isReportedAfter'> & { confirmations: { confirmerId: string }[] }) {
  const facts = configFacts(row);
  const confirmerIds = row.confirmations.map(({ confirmerId }) => confirmerId);
  const checklist = configChecklist(facts, confirmerIds);
  return {
    facts,
    confirmerIds,
    checklist,
    readiness: configReadiness(facts, confirmerIds),
    unauthorizedReason: unauthorizedConfigReason(facts),
    needsConfirmation: needsConfirmation(facts),
    process: CONFIG_CHANGE_PROCESS[facts.type],
    progress: { done: checklist.filter((item) => item.isDone).length, total: checklist.length },
  };
}

function listWhere(filter: ConfigChangeListFilter, before?: ConfigChangeCursor): Prisma.ConfigChangeWhereInput {
  return {
    AND: [
      filter.type ? { type: filter.type } : {},
      filter.status ? { status: filter.status } : {},
      filter.environmentId ? { environmentId: filter.environmentId } : {},
      filter.serviceId ? { serviceId: filter.serviceId } : {},
      filter.isUnauthorizedOnly ? { isReportedAfter: true } : {},
      before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {},
    ],
  };
}

/**
 * One page of records, newest first; follow `older` for the next page. Every signed-in user and every
 * service token with the read scope sees every record (none is anyone's draft).
 */
export async function listConfigChanges(filter: ConfigChangeListFilter = {}, before?: ConfigChangeCursor, pageSize = CONFIG_CHANGE_PAGE_SIZE) {
  const rows = await db.configChange.findMany({
    where: listWhere(filter, before),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    // One extra row tells whether another page follows, without counting.
    take: pageSize + 1,
    select: VIEW_SELECT,
  });
  const items = rows.slice(0, pageSize).map((row) => ({ ...row, ...standing(row) }));
  const last = items.at(-1);
  return { items, older: rows.length > pageSize && last ? { createdAt: last.createdAt, id: last.id } : undefined };
}

export type ConfigChangeListItem = Awaited<ReturnType<typeof listConfigChanges>>['items'][number];

/**
 * One record with its checklist, confirmations and what `viewer` may do with it (null: a service
 * token, which acts for no one: it may apply a complete record but never confirm one).
 */
export async function getConfigChange(viewer: Actor | null, configChangeId: string) {
  const row = await db.configChange.findUnique({ where: { id: configChangeId }, select: VIEW_SELECT });
  if (!row) throw new DomainError('NOT_FOUND', 'No such configuration change.');
  return view(viewer, row);
}

function view(viewer: Actor | null, row: ViewRow) {
  const state = standing(row);
  const isPlanned = row.status === 'planned';
  const canManage = viewer === null || canManageConfigChange(viewer, ownershipOf(row));
  /** Why the viewer may not confirm it, or null when they may (only ever for a planned record). */
  const confirmRefusal = !viewer || !canFileChange(viewer) ? 'Your role does not confirm configuration changes.' : confirmationRefusal(state.facts, viewer.id, state.confirmerIds);
  return {
    change: row,
    ...state,
    /** Whether the viewer may edit, apply or cancel it while it is planned. */
    canManage: viewer !== null && canManage,
    canEdit: isPlanned && viewer !== null && canManage,
    canCancel: isPlanned && viewer !== null && canManage,
    canApply: isPlanned && canManage && state.readiness.length === 0,
    canConfirm: isPlanned && state.needsConfirmation && confirmRefusal === null,
    confirmRefusal: isPlanned && state.needsConfirmation ? confirmRefusal : null,
  };
}

export type ConfigChangeView = ReturnType<typeof view>;

/** The record's own events, oldest first (at most the latest page of them). */
export async function listConfigChangeEvents(configChangeId: string) {
  const { items } = await listAuditEvents({ entityType: 'config-change', entityId: configChangeId });
  return items.reverse();
}

/** What the record forms offer: environments, services and the people who may have made a change. */
export async function configChangeFormOptions() {
  const [environments, services, people] = await Promise.all([
    listEnvironments(),
    listServices(),
    db.user.findMany({ where: { isActive: true, role: { in: ['engineer', 'manager', 'admin'] } }, orderBy: [{ name: 'asc' }, { email: 'asc' }], select: { id: true, name: true, email: true } }),
  ]);
  return {
    environments: environments.map(({ id, name }) => ({ id, name })),
    services: services.map((service) => ({ id: service.id, name: `${service.name} (${service.team.name})` })),
    people: people.map((entry) => ({ id: entry.id, name: entry.name ?? entry.email })),
  };
}

/** The list's filter choices. */
export async function configChangeFilterOptions() {
  const { environments, services } = await configChangeFormOptions();
  return { environments, services };
}

/**
 * How many configuration changes made in [from, to) were made outside their process (reported
 * afterwards): the CTRL-012.5 part of the "Unauthorized changes" KPI (target 0).
 * Assumption: a change counts in the period in which it was made in production (`appliedAt`), not
 * the one in which it was reported, so a late report still lands in the month it happened.
 */
export async function countUnauthorizedConfigChanges({ from, to }: { from: Date; to: Date }): Promise<number> {
  return db.configChange.count({ where: { isReportedAfter: true, appliedAt: { gte: from, lt: to } } });
}
