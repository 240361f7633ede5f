import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { incidentReference } from '@/lib/server/change-requests/get-change';
import { auditActor, expectIncidentVersion, lockIncident, requireIncidentManager, snapshotOfLocked, type IncidentActor } from '@/lib/server/incidents/incident-steps';

type ReopenIncidentCommand = IncidentActor & { at: Date; incidentId: string; expectedVersion: number; requestId?: string };

/**
 * Takes back a resolution: the incident is active again from its start, so a reopened SEV1/SEV2 holds
 * deploys again at once. The earlier resolution stays in the audit trail.
 */
export async function reopenIncident({ actor, tokenId, at, incidentId, expectedVersion, requestId }: ReopenIncidentCommand) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    await requireIncidentManager({ actor }, incident, { action: 'incident.reopen-denied', verb: 'reopens', at, requestId });
    expectIncidentVersion(incident, expectedVersion);
    if (!incident.resolvedAt) throw new DomainError('CONFLICT', `${incidentReference(incident.number)} is not resolved.`);

    await tx.incident.update({ where: { id: incident.id }, data: { resolvedAt: null, version: { increment: 1 } }, select: { id: true } });
    const before = snapshotOfLocked(incident);
    await appendAudit(tx, {
      action: 'incident.reopened', entityType: 'incident', entityId: incident.id, actor: auditActor({ actor, tokenId }), at, requestId,
      changeSet: { number: incident.number, before, after: { ...before, resolvedAt: null } },
    });
    return { version: incident.version + 1 };
  });
}
