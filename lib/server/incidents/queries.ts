// Reading incidents (CTRL-012.2): the list, one incident with what hangs off it, and the choices the
// forms offer. Every signed-in user and every `incidents:read` token reads every incident.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { listAuditEvents } from '@/lib/server/audit-events/queries';
import { listServices } from '@/lib/server/catalog/queries';
import { incidentReference } from '@/lib/server/change-requests/get-change';
import { canCommandIncident, canManageIncident, canViewChange, type Actor } from '@/lib/policy/permissions';
import { isBlockingDeploys, isIncidentActive } from '@/lib/policy/incident';
import type { IncidentCursor, IncidentListFilter } from '@/lib/schemas/incident';

export const INCIDENT_PAGE_SIZE = 25;

const LIST_SELECT = {
  id: true, number: true, title: true, severity: true, startedAt: true, resolvedAt: true, version: true,
  commander: { select: { id: true, name: true, email: true } },
  services: { select: { service: { select: { id: true, name: true } } }, orderBy: { service: { name: 'asc' } } },
} satisfies Prisma.IncidentSelect;

type ListRow = Prisma.IncidentGetPayload<{ select: typeof LIST_SELECT }>;

/** The row with its reference and where it stands at `at`. */
function withState<T extends ListRow>(row: T, at: Date) {
  return { ...row, reference: incidentReference(row.number), isActive: isIncidentActive(row, at), isBlocking: isBlockingDeploys(row, at) };
}

/** Active: not resolved by `at` (a start a few minutes ahead, within the clock skew, counts as declared and going on). */
function stateWhere(state: IncidentListFilter['state'], at: Date): Prisma.IncidentWhereInput {
  if (state === 'active') return { OR: [{ resolvedAt: null }, { resolvedAt: { gt: at } }] };
  if (state === 'resolved') return { resolvedAt: { lte: at } };
  return {};
}

/** One page of incidents, newest start first; follow `older` for the next page. */
export async function listIncidents(filter: IncidentListFilter, at: Date, before?: IncidentCursor, pageSize = INCIDENT_PAGE_SIZE) {
  const rows = await db.incident.findMany({
    where: {
      AND: [
        stateWhere(filter.state, at),
        filter.severity ? { severity: filter.severity } : {},
        filter.serviceId ? { services: { some: { serviceId: filter.serviceId } } } : {},
        before ? { OR: [{ startedAt: { lt: before.startedAt } }, { startedAt: before.startedAt, number: { lt: before.number } }] } : {},
      ],
    },
    orderBy: [{ startedAt: 'desc' }, { number: 'desc' }],
    // One extra row tells whether another page follows, without counting.
    take: pageSize + 1,
    select: LIST_SELECT,
  });
  const items = rows.slice(0, pageSize).map((row) => withState(row, at));
  const last = items.at(-1);
  return { items, older: rows.length > pageSize && last ? { startedAt: last.startedAt, number: last.number } : undefined };
}

export type IncidentListItem = Awaited<ReturnType<typeof listIncidents>>['items'][number];

/** The incidents holding deploys at `at` (active SEV1/SEV2), for the list's banner. */
export async function listBlockingIncidents(at: Date) {
  const rows = await db.incident.findMany({
    where: { severity: { in: ['sev1', 'sev2'] }, startedAt: { lte: at }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: at } }] },
    orderBy: [{ severity: 'asc' }, { startedAt: 'asc' }],
    select: LIST_SELECT,
  });
  return rows.map((row) => withState(row, at)).filter((row) => row.isBlocking);
}

const DETAIL_SELECT = {
  ...LIST_SELECT,
  summary: true, createdAt: true, commanderId: true,
  changes: {
    select: { link: true, changeRequest: { select: { id: true, number: true, title: true, status: true, changeClass: true, authorId: true, teamId: true } } },
    orderBy: [{ changeRequest: { number: 'asc' } }, { link: 'asc' }],
  },
  overrides: {
    select: {
      id: true, justification: true, grantedAt: true, expiresAt: true, revokedAt: true,
      grantedBy: { select: { name: true, email: true } },
      changeRequest: { select: { id: true, number: true, title: true, status: true, authorId: true, teamId: true } },
    },
    orderBy: { grantedAt: 'desc' },
  },
} satisfies Prisma.IncidentSelect;

/**
 * One incident with its services, the changes linked to it (fix or cause) and the overrides its
 * commander granted under it, as `viewer` may see them (another team's draft is left out); and what
 * the viewer may do. A null viewer is a service token: it sees what every signed-in user sees.
 */
export async function getIncident(viewer: Actor | null, incidentId: string, at: Date) {
  const row = await db.incident.findUnique({ where: { id: incidentId }, select: DETAIL_SELECT });
  if (!row) throw new DomainError('NOT_FOUND', 'No such incident.');
  const { changes, overrides, ...incident } = row;
  return {
    incident: withState(incident, at),
    changes: changes.filter(({ changeRequest }) => canViewChange(viewer, changeRequest)).map(({ link, changeRequest }) => ({ link, change: changeRequest })),
    overrides: overrides.filter(({ changeRequest }) => canViewChange(viewer, changeRequest)).map((override) => ({
      ...override,
      /** In force over [grantedAt, min(expiresAt, revokedAt)). */
      isInForce: override.grantedAt <= at && at < override.expiresAt && (override.revokedAt === null || at < override.revokedAt),
    })),
    canManage: viewer !== null && canManageIncident(viewer, incident),
  };
}

export type IncidentView = Awaited<ReturnType<typeof getIncident>>;

/** The incident's own audit events, oldest first (the latest page of them). */
export async function listIncidentEvents(incidentId: string) {
  const { items } = await listAuditEvents({ entityType: 'incident', entityId: incidentId });
  return items.reverse();
}

/** What the incident forms offer: people who may command (active, not read-only) and services. */
export async function incidentFormOptions() {
  const [people, services] = await Promise.all([
    db.user.findMany({ where: { isActive: true, role: { not: 'auditor' } }, orderBy: [{ name: 'asc' }, { email: 'asc' }], select: { id: true, name: true, email: true, role: true, isActive: true } }),
    listServices(),
  ]);
  return {
    commanders: people.filter(canCommandIncident).map((person) => ({ id: person.id, name: person.name ?? person.email })),
    services: services.map((service) => ({ id: service.id, name: service.name, teamName: service.team.name })),
  };
}
