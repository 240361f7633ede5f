import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { auditActor, checkIncidentReferences, checkIncidentTimes, incidentSnapshot, type IncidentActor } from '@/lib/server/incidents/incident-steps';
import { canDeclareIncident } from '@/lib/policy/permissions';
import type { DeclareIncidentInput } from '@/lib/schemas/incident';

type DeclareIncidentCommand = IncidentActor & {
  at: Date;
  /** The commander is always named: a service token has no person to default to. */
  incident: DeclareIncidentInput;
  requestId?: string;
};

/**
 * Declares an incident (CTRL-012.2). Its number comes from the table's sequence, so concurrent
 * declarations never share one. From its start, an active SEV1/SEV2 holds every change not linked to
 * it as its fix: the gate reads the row written here.
 */
export async function declareIncident({ actor, tokenId, at, incident: input, requestId }: DeclareIncidentCommand) {
  if (actor && !canDeclareIncident(actor)) {
    await recordDeniedAttempt({ action: 'incident.declare-denied', entityType: 'incident', actor, at, requestId, changeSet: { title: input.title, severity: input.severity } });
    throw new DomainError('FORBIDDEN', 'Auditors and disabled accounts do not declare incidents.');
  }
  checkIncidentTimes({ startedAt: input.startedAt, resolvedAt: input.resolvedAt }, at);
  return db.$transaction(async (tx) => {
    await checkIncidentReferences(tx, input);
    const created = await tx.incident.create({
      data: {
        title: input.title, summary: input.summary, severity: input.severity, startedAt: input.startedAt, resolvedAt: input.resolvedAt, commanderId: input.commanderId,
        services: { create: [...new Set(input.serviceIds)].map((serviceId) => ({ serviceId })) },
      },
      select: { id: true, number: true, version: true },
    });
    await appendAudit(tx, {
      action: 'incident.declared', entityType: 'incident', entityId: created.id, actor: auditActor({ actor, tokenId }), at, requestId,
      changeSet: { number: created.number, before: null, after: incidentSnapshot(input) },
    });
    return created;
  });
}
