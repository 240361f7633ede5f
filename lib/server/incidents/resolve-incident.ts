import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { incidentReference } from '@/lib/server/change-requests/get-change';
import { auditActor, checkIncidentTimes, expectIncidentVersion, lockIncident, requireIncidentManager, snapshotOfLocked, type IncidentActor } from '@/lib/server/incidents/incident-steps';

type ResolveIncidentCommand = IncidentActor & {
  at: Date;
  incidentId: string;
  expectedVersion: number;
  /** When service was restored: not before the start, not in the future (beyond a small clock skew). */
  resolvedAt: Date;
  requestId?: string;
};

/** Records the end of an incident; from `resolvedAt` on, a SEV1/SEV2 no longer holds deploys. */
export async function resolveIncident({ actor, tokenId, at, incidentId, expectedVersion, resolvedAt, requestId }: ResolveIncidentCommand) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    await requireIncidentManager({ actor }, incident, { action: 'incident.resolve-denied', verb: 'resolves', at, requestId });
    expectIncidentVersion(incident, expectedVersion);
    // Resolving twice would rewrite when the incident ended: a correction is an edit of its own.
    if (incident.resolvedAt) throw new DomainError('CONFLICT', `${incidentReference(incident.number)} is already resolved.`);
    checkIncidentTimes({ startedAt: incident.startedAt, resolvedAt }, at, 'Check when it was resolved.');

    await tx.incident.update({ where: { id: incident.id }, data: { resolvedAt, version: { increment: 1 } }, select: { id: true } });
    const before = snapshotOfLocked(incident);
    await appendAudit(tx, {
      action: 'incident.resolved', entityType: 'incident', entityId: incident.id, actor: auditActor({ actor, tokenId }), at, requestId,
      changeSet: { number: incident.number, before, after: { ...before, resolvedAt: resolvedAt.toISOString() } },
    });
    return { version: incident.version + 1 };
  });
}
