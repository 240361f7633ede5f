import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import {
  auditActor, checkIncidentReferences, expectIncidentVersion, incidentSnapshot, lockIncident, requireIncidentManager, snapshotOfLocked,
  writeIncidentServices, type IncidentActor,
} from '@/lib/server/incidents/incident-steps';
import { incidentTimeProblems } from '@/lib/policy/incident';
import type { IncidentPatch } from '@/lib/schemas/incident';

type UpdateIncidentCommand = IncidentActor & {
  at: Date;
  incidentId: string;
  /** The row version the editor saw; a concurrent edit or resolution makes this one stale. */
  expectedVersion: number;
  patch: IncidentPatch;
  requestId?: string;
};

/**
 * Edits an incident's title, summary, severity, start, commander or services. Raising a SEV3 to SEV1
 * makes it hold deploys at once; handing over command moves the right to edit and resolve it.
 */
export async function updateIncident({ actor, tokenId, at, incidentId, expectedVersion, patch, requestId }: UpdateIncidentCommand) {
  return db.$transaction(async (tx) => {
    const incident = await lockIncident(tx, incidentId);
    await requireIncidentManager({ actor }, incident, { action: 'incident.edit-denied', verb: 'edits', at, requestId });
    expectIncidentVersion(incident, expectedVersion);

    const before = snapshotOfLocked(incident);
    const after = incidentSnapshot({
      title: patch.title ?? incident.title, summary: patch.summary ?? incident.summary, severity: patch.severity ?? incident.severity,
      startedAt: patch.startedAt ?? incident.startedAt, resolvedAt: incident.resolvedAt, commanderId: patch.commanderId ?? incident.commanderId,
      serviceIds: patch.serviceIds ?? incident.services.map((row) => row.serviceId),
    });
    if (patch.startedAt) {
      const problems = incidentTimeProblems({ startedAt: patch.startedAt, resolvedAt: incident.resolvedAt }, at);
      // The resolution stays as recorded, so a start moved past it is the start's fault.
      const startProblems = [...(problems.startedAt ?? []), ...(problems.resolvedAt ? ['It cannot start after it was resolved.'] : [])];
      if (startProblems.length > 0) throw new DomainError('INVALID', 'Check the times.', { startedAt: startProblems });
    }
    // An unchanged commander is not checked again: one since disabled must not block editing the rest.
    const newCommanderId = patch.commanderId !== undefined && patch.commanderId !== incident.commanderId ? patch.commanderId : undefined;
    await checkIncidentReferences(tx, { commanderId: newCommanderId, serviceIds: patch.serviceIds });

    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length === 0) return { version: incident.version, changed };
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        title: after.title, summary: after.summary, severity: patch.severity ?? incident.severity, startedAt: patch.startedAt ?? incident.startedAt,
        commanderId: after.commanderId, version: { increment: 1 },
      },
      select: { id: true },
    });
    if (changed.includes('serviceIds')) await writeIncidentServices(tx, incident.id, after.serviceIds);
    await appendAudit(tx, {
      action: 'incident.edited', entityType: 'incident', entityId: incident.id, actor: auditActor({ actor, tokenId }), at, requestId,
      changeSet: { number: incident.number, changed, before, after },
    });
    return { version: incident.version + 1, changed };
  });
}
