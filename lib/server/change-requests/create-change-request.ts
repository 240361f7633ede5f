import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { canFileChange, type Actor } from '@/lib/policy/permissions';
import type { ChangeRequestDraft } from '@/lib/schemas/change-request';

type CreateChangeRequestInput = { actor: Actor; at: Date; draft: ChangeRequestDraft; requestId?: string };

/** Files a draft change request with its first content version, audited in the same transaction. */
export async function createChangeRequest({ actor, at, draft, requestId }: CreateChangeRequestInput): Promise<{ id: string; number: number }> {
  if (!canFileChange(actor)) {
    await recordDeniedAttempt({ action: 'change.create-denied', entityType: 'change', actor, at, requestId });
    throw new DomainError('FORBIDDEN', 'Your role cannot file change requests.');
  }
  const serviceIds = [...new Set(draft.serviceIds)];
  return db.$transaction(async (tx) => {
    const [team, services] = await Promise.all([
      tx.team.findUnique({ where: { id: draft.teamId }, select: { id: true } }),
      tx.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true } }),
    ]);
    if (!team) throw new DomainError('INVALID', 'That team does not exist.', { teamId: ['Unknown team.'] });
    if (services.length !== serviceIds.length) throw new DomainError('INVALID', 'A chosen service does not exist.', { serviceIds: ['Unknown service.'] });

    const change = await tx.changeRequest.create({
      data: {
        title: draft.title,
        description: draft.description,
        changeClass: draft.changeClass,
        risk: draft.risk,
        teamId: draft.teamId,
        authorId: actor.id,
        createdAt: at,
        services: { create: serviceIds.map((serviceId) => ({ serviceId })) },
      },
      select: { id: true, number: true, contentVersion: true },
    });
    const snapshot = { ...draft, serviceIds };
    await tx.changeRequestVersion.create({
      data: { changeRequestId: change.id, contentVersion: change.contentVersion, snapshot, createdById: actor.id, createdAt: at },
    });
    await appendAudit(tx, { action: 'change.created', entityType: 'change', entityId: change.id, actor, at, requestId, changeSet: { status: { old: null, new: 'draft' }, ...snapshot } });
    return { id: change.id, number: change.number };
  });
}
