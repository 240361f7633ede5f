// Shared first step of every change-request state change: lock the row, load what the rules need,
// and refuse what the actor may not see.
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { recordDeniedAttempt } from '@/lib/server/audit';
import { canViewChange, type Actor } from '@/lib/policy/permissions';
import type { MaterialContent } from '@/lib/policy/change-lifecycle';
import type { ChangeRequestContent } from '@/lib/schemas/change-request';

const LOCKED_SELECT = {
  id: true, number: true, status: true, authorId: true, version: true, contentVersion: true, firstProductionDeployAt: true, productionReachedAt: true,
  title: true, description: true, changeClass: true, risk: true, teamId: true, pullRequestUrls: true, prLabel: true, changedPaths: true,
  adrUrl: true, rollbackPlan: true, notes: true, plannedStart: true, plannedEnd: true, prOpenedAt: true,
  coAuthors: { select: { userId: true } },
  services: { select: { serviceId: true } },
  environments: { select: { environmentId: true } },
  incidents: { select: { incidentId: true, link: true } },
} satisfies Prisma.ChangeRequestSelect;

// A null actor is a service token: it sees what every signed-in user sees (never another team's draft).
export async function lockChange(tx: Tx, actor: Actor | null, changeId: string) {
  // The lock serialises every decision on this change: a quorum is read and written by one writer at a time.
  await tx.$queryRaw`SELECT 1 FROM change_request WHERE id = ${changeId}::uuid FOR UPDATE`;
  const change = await tx.changeRequest.findUnique({ where: { id: changeId }, select: LOCKED_SELECT });
  if (!change || !canViewChange(actor, change)) throw new DomainError('NOT_FOUND', 'No such change request.');
  return { ...change, coAuthorIds: change.coAuthors.map((row) => row.userId) };
}

export type LockedChange = Awaited<ReturnType<typeof lockChange>>;

/** The change's content as the edit schema describes it. */
export function currentContent(change: LockedChange): ChangeRequestContent {
  return {
    title: change.title, description: change.description, changeClass: change.changeClass, risk: change.risk, teamId: change.teamId,
    serviceIds: change.services.map((row) => row.serviceId), environmentIds: change.environments.map((row) => row.environmentId),
    pullRequestUrls: change.pullRequestUrls, prLabel: change.prLabel, changedPaths: change.changedPaths, adrUrl: change.adrUrl,
    rollbackPlan: change.rollbackPlan, notes: change.notes, plannedStart: change.plannedStart, plannedEnd: change.plannedEnd,
    prOpenedAt: change.prOpenedAt, coAuthorIds: change.coAuthorIds,
    incidentLinks: change.incidents.map(({ incidentId, link }) => ({ incidentId, link })),
  };
}

export function materialContent(change: Pick<ChangeRequestContent, keyof MaterialContent>): MaterialContent {
  return {
    changeClass: change.changeClass,
    serviceIds: change.serviceIds,
    environmentIds: change.environmentIds,
    changedPaths: change.changedPaths,
    pullRequestUrls: change.pullRequestUrls,
    adrUrl: change.adrUrl,
  };
}

/** Authors and co-authors own a change's content and its lifecycle. */
export function isChangeOwner(actor: Actor, change: LockedChange): boolean {
  return change.authorId === actor.id || change.coAuthorIds.includes(actor.id);
}

export function expectVersion(change: LockedChange, expectedVersion: number): void {
  if (change.version !== expectedVersion) throw new DomainError('STALE_VERSION', 'This change was edited meanwhile. Reload it and try again.');
}

type Attempt = { action: string; verb: string; at: Date; requestId?: string };

/**
 * Authors, co-authors and managers end a change's life (cancel, close); anyone else is refused, and
 * the refusal is recorded as a denied attempt.
 */
export async function requireOwnerOrManager(actor: Actor, change: LockedChange, { action, verb, at, requestId }: Attempt): Promise<void> {
  if (isChangeOwner(actor, change) || actor.role === 'manager') return;
  await recordDeniedAttempt({ action, entityType: 'change', entityId: change.id, actor, at, requestId });
  throw new DomainError('FORBIDDEN', `Only the author, a co-author or a manager ${verb} a change.`);
}
