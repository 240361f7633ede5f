import type { Tx } from '@/lib/server/db';
import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { lockChange, type LockedChange } from '@/lib/server/change-requests/lock-change';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { overrideAuditState, OVERRIDE_AUDIT_SELECT } from '@/lib/server/overrides/override-audit';
import { OVERRIDE_EXCEPTION_STATUS } from '@/lib/policy/exception-log';
import { overrideExpiryProblem, overrideGrantDecision, requesterProblem, type FixedIncident } from '@/lib/policy/override-rules';
import type { Actor } from '@/lib/policy/permissions';

export type GrantOverrideInput = {
  actor: Actor | null;
  /** The request's clock: the grant starts now, never later or earlier. */
  at: Date;
  changeId: string;
  justification: string;
  expiresAt: Date;
  /** Who asked for it; the change's author when absent. */
  requestedById?: string | null;
  /** The override in force the caller meant to replace, or null/absent when they saw none. */
  supersedes?: string | null;
  requestId?: string;
};

export type GrantedOverride = { id: string; exceptionId: string; incidentId: string | null; supersededId: string | null };

const SUPERSEDED_REASON = 'Superseded by a new override.';

/** The incidents the change fixes, share-locked so a resolution cannot slip in between the check and the grant. */
async function fixedIncidents(tx: Tx, change: LockedChange): Promise<FixedIncident[]> {
  const ids = change.incidents.filter((link) => link.link === 'fixes').map((link) => link.incidentId);
  if (ids.length === 0) return [];
  await tx.$queryRaw`SELECT 1 FROM incident WHERE id = ANY(${ids}::uuid[]) FOR SHARE`;
  const rows = await tx.incident.findMany({ where: { id: { in: ids } }, select: { id: true, number: true, commanderId: true, severity: true, startedAt: true, resolvedAt: true } });
  return rows.map(({ number, ...incident }) => ({ ...incident, reference: `INC-${number}` }));
}

async function requesterOf(tx: Tx, change: LockedChange, requestedById: string | null | undefined, grantorId: string): Promise<string> {
  const requesterId = requestedById ?? change.authorId;
  if (requestedById) {
    const requester = await tx.user.findUnique({ where: { id: requestedById }, select: { isActive: true } });
    if (!requester?.isActive) throw new DomainError('INVALID', 'Name an active person as the requester.', { requestedById: ['Choose an active person.'] });
  }
  const problem = requesterProblem(requesterId, grantorId);
  if (problem) throw new DomainError('INVALID', problem, { requestedById: [problem] });
  return requesterId;
}

/**
 * Grants a time-boxed freeze override for one change (CTRL-012.2, exception path step 2) and logs it
 * as an exception, in one transaction. The change row lock serialises grants on a change.
 */
export async function grantOverride({ actor, at, changeId, justification, expiresAt, requestedById, supersedes, requestId }: GrantOverrideInput): Promise<GrantedOverride> {
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, changeId);
    const decision = overrideGrantDecision(actor, change, await fixedIncidents(tx, change), at);
    if (!decision.allowed) {
      // The wrong state is a conflict, not a refused person: nothing to log against anyone.
      if (decision.code === 'CHANGE_NOT_OVERRIDABLE') throw new DomainError('CONFLICT', decision.reason.message);
      await recordDeniedAttempt({ action: 'override.grant-denied', entityType: 'change', entityId: change.id, actor: actor ?? null, at, requestId, changeSet: { reason: decision.code, control: decision.reason.control } });
      throw new DomainError('FORBIDDEN', decision.reason.message);
    }
    const grantor = actor!; // overrideGrantDecision refuses a null actor

    const policy = await policySettingsInForce(tx);
    const expiryProblem = overrideExpiryProblem(at, expiresAt, policy.overrideMaxHours);
    if (expiryProblem) throw new DomainError('INVALID', expiryProblem.message, { expiresAt: [expiryProblem.message] });
    const requesterId = await requesterOf(tx, change, requestedById, grantor.id);

    // Assumption: one override in force per change. A new grant supersedes the one in force (revoked in
    // this transaction), but only when the grantor named it: a grant that did not see it is a lost race.
    const inForce = await tx.freezeOverride.findMany({
      where: { changeRequestId: change.id, grantedAt: { lte: at }, expiresAt: { gt: at }, OR: [{ revokedAt: null }, { revokedAt: { gt: at } }] },
      select: OVERRIDE_AUDIT_SELECT,
    });
    const unseen = inForce.filter((override) => override.id !== supersedes);
    if (unseen.length > 0) {
      throw new DomainError('CONFLICT', 'Another override is already in force for this change. Reload to see it; granting again then replaces it.');
    }

    const created = await tx.freezeOverride.create({
      data: { changeRequestId: change.id, grantedById: grantor.id, incidentId: decision.incidentId, justification, grantedAt: at, expiresAt },
      select: OVERRIDE_AUDIT_SELECT,
    });
    const exception = await tx.policyException.create({
      data: {
        kind: 'freeze_override', status: OVERRIDE_EXCEPTION_STATUS, changeRequestId: change.id, overrideId: created.id,
        requestedById: requesterId, approvedById: grantor.id, justification, openedAt: at, deadlineAt: expiresAt, documentedAt: at,
      },
      select: { id: true },
    });

    const superseded = inForce[0] ?? null;
    if (superseded) {
      const { count } = await tx.freezeOverride.updateMany({
        where: { id: superseded.id, revokedAt: null },
        data: { revokedAt: at, revokedById: grantor.id, revocationReason: SUPERSEDED_REASON },
      });
      if (count !== 1) throw new DomainError('CONFLICT', 'The override you meant to replace changed meanwhile. Reload and try again.');
      await appendAudit(tx, {
        action: 'override.revoked', entityType: 'freeze-override', entityId: superseded.id, actor: grantor, at, requestId,
        changeSet: { changeId: change.id, supersededBy: created.id, before: overrideAuditState(superseded), after: overrideAuditState({ ...superseded, revokedAt: at, revokedById: grantor.id, revocationReason: SUPERSEDED_REASON }) },
      });
    }
    await appendAudit(tx, {
      action: 'override.granted', entityType: 'freeze-override', entityId: created.id, actor: grantor, at, requestId,
      changeSet: { changeId: change.id, exceptionId: exception.id, supersedes: superseded?.id ?? null, policyVersion: policy.version, before: null, after: overrideAuditState(created) },
    });
    await appendAudit(tx, {
      action: 'exception.opened', entityType: 'exception', entityId: exception.id, actor: grantor, at, requestId,
      changeSet: { kind: 'freeze_override', changeId: change.id, overrideId: created.id, requestedById: requesterId, approvedById: grantor.id, status: { old: null, new: OVERRIDE_EXCEPTION_STATUS }, deadlineAt: expiresAt.toISOString() },
    });
    return { id: created.id, exceptionId: exception.id, incidentId: decision.incidentId, supersededId: superseded?.id ?? null };
  });
}
