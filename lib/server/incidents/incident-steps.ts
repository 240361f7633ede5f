// Steps shared by the incident use-cases: lock and load the row, refuse (and record) what the actor
// may not do, check the people and services named, and describe the incident for the audit trail.
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { canCommandIncident, canManageIncident, type Actor } from '@/lib/policy/permissions';
import { incidentTimeProblems, type IncidentTimes } from '@/lib/policy/incident';

/**
 * Who acts on an incident: a person (session or personal token), or null for a service token (an
 * incident tool), whose `incidents:write` scope the route has checked; it acts for no one.
 */
export type IncidentActor = { actor: Actor | null; tokenId?: string | null };

const LOCKED_SELECT = {
  id: true, number: true, title: true, summary: true, severity: true, startedAt: true, resolvedAt: true, commanderId: true, version: true,
  services: { select: { serviceId: true } },
} satisfies Prisma.IncidentSelect;

export type LockedIncident = Prisma.IncidentGetPayload<{ select: typeof LOCKED_SELECT }>;

/** Locks the incident row for the rest of the transaction, so edits and resolutions are serialised. */
export async function lockIncident(tx: Tx, incidentId: string): Promise<LockedIncident> {
  await tx.$queryRaw`SELECT 1 FROM incident WHERE id = ${incidentId}::uuid FOR UPDATE`;
  const incident = await tx.incident.findUnique({ where: { id: incidentId }, select: LOCKED_SELECT });
  if (!incident) throw new DomainError('NOT_FOUND', 'No such incident.');
  return incident;
}

export function expectIncidentVersion(incident: LockedIncident, expectedVersion: number): void {
  if (incident.version !== expectedVersion) throw new DomainError('STALE_VERSION', 'This incident was edited meanwhile. Reload it and try again.');
}

/** The audit row's author: the person, or the service token that acts for no one. */
export function auditActor({ actor, tokenId }: IncidentActor) {
  return actor ?? { id: null, tokenId: tokenId ?? null };
}

type Attempt = { action: string; verb: string; at: Date; requestId?: string };

/**
 * The commander, managers and admins act on an incident; anyone else is refused and the refusal
 * recorded. A service token passes: the route granted it by scope.
 */
export async function requireIncidentManager({ actor }: IncidentActor, incident: LockedIncident, { action, verb, at, requestId }: Attempt): Promise<void> {
  if (!actor || canManageIncident(actor, incident)) return;
  await recordDeniedAttempt({ action, entityType: 'incident', entityId: incident.id, actor, at, requestId });
  throw new DomainError('FORBIDDEN', `Only the incident commander, an engineering manager or an admin ${verb} an incident.`);
}

/** Refuses a commander who does not exist or may not command, and services that do not exist. */
export async function checkIncidentReferences(tx: Tx, { commanderId, serviceIds }: { commanderId?: string; serviceIds?: readonly string[] }): Promise<void> {
  const fieldErrors: Record<string, string[]> = {};
  if (commanderId !== undefined) {
    const commander = await tx.user.findUnique({ where: { id: commanderId }, select: { role: true, isActive: true } });
    if (!commander || !canCommandIncident(commander)) fieldErrors.commanderId = ['Unknown, disabled or read-only person: choose an active engineer, manager or admin.'];
  }
  if (serviceIds !== undefined) {
    const unique = [...new Set(serviceIds)];
    const found = unique.length > 0 ? await tx.service.count({ where: { id: { in: unique } } }) : 0;
    if (found !== unique.length) fieldErrors.serviceIds = ['Unknown service.'];
  }
  if (Object.keys(fieldErrors).length > 0) throw new DomainError('INVALID', 'Some referenced records do not exist.', fieldErrors);
}

/** Refuses times that lie in the future or end before they start (see incidentTimeProblems). */
export function checkIncidentTimes(times: IncidentTimes, at: Date, message = 'Check the times.'): void {
  const problems = incidentTimeProblems(times, at);
  if (Object.keys(problems).length > 0) throw new DomainError('INVALID', message, problems);
}

/** Replaces the incident's affected services. */
export async function writeIncidentServices(tx: Tx, incidentId: string, serviceIds: readonly string[]): Promise<void> {
  await tx.incidentService.deleteMany({ where: { incidentId } });
  await tx.incidentService.createMany({ data: [...new Set(serviceIds)].map((serviceId) => ({ incidentId, serviceId })) });
}

export type IncidentSnapshot = {
  title: string;
  summary: string;
  severity: string;
  /** ISO 8601 UTC. */
  startedAt: string;
  /** ISO 8601 UTC, or null while it goes on. */
  resolvedAt: string | null;
  commanderId: string;
  /** Sorted, so two snapshots compare as JSON. */
  serviceIds: string[];
};

/** The incident as the audit trail records it, before or after a change. */
export function incidentSnapshot(incident: Omit<LockedIncident, 'id' | 'number' | 'version' | 'services'> & { serviceIds: readonly string[] }): IncidentSnapshot {
  return {
    title: incident.title,
    summary: incident.summary,
    severity: incident.severity,
    startedAt: incident.startedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    commanderId: incident.commanderId,
    serviceIds: [...new Set(incident.serviceIds)].sort(),
  };
}

export function snapshotOfLocked(incident: LockedIncident): IncidentSnapshot {
  return incidentSnapshot({ ...incident, serviceIds: incident.services.map((row) => row.serviceId) });
}
