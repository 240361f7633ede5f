import { db, type Tx } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { lockChange } from '@/lib/server/change-requests/lock-change';
import { evaluateApprovals } from '@/lib/policy/approval-rules';
import { transitionTarget } from '@/lib/policy/change-lifecycle';
import { deploymentRefusal, isGateAllowFresh, productionMilestones, unauthorizedDeploymentReasons } from '@/lib/policy/deployment-authorization';
import type { Actor } from '@/lib/policy/permissions';
import type { DeploymentRecord } from '@/lib/schemas/deployment-api';

export type RecordDeploymentInput = {
  /** The person recording (session or personal token), or null for a service token (its scope is checked by the route). */
  actor: Actor | null;
  /** The calling token: a service token's audit row names it, since it has no person. */
  tokenId?: string | null;
  /** When the record is made (not when the deploy started). */
  at: Date;
  deployment: DeploymentRecord;
  requestId?: string;
};

// A pipeline's clock may run a little ahead of ours; beyond this a start time is in the future.
const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const ENVIRONMENT_SELECT = { id: true, slug: true, isProduction: true } as const;

/**
 * Records one deploy of a change to an environment (CTRL-012.2). A deploy with no fresh `allow` of the
 * gate, or of a change its class rule has not approved, is still recorded (it happened) but flagged
 * unauthorized with the reasons. The first production deploy starts an emergency change's review window.
 */
export async function recordDeployment({ actor, tokenId = actor?.tokenId ?? null, at, deployment: input, requestId }: RecordDeploymentInput) {
  if (input.startedAt.getTime() > at.getTime() + MAX_CLOCK_SKEW_MS) throw new DomainError('INVALID', 'A deploy cannot start in the future.', { startedAt: ['Not after now.'] });
  return db.$transaction(async (tx) => {
    const change = await lockChange(tx, actor, input.changeId);
    // Assumption: auditors only read; engineers, managers and admins record what their pipelines did.
    if (actor && (!actor.isActive || actor.role === 'auditor')) {
      await recordDeniedAttempt({ action: 'deployment.record-denied', entityType: 'change', entityId: change.id, actor, at, requestId });
      throw new DomainError('FORBIDDEN', 'Only engineers, managers, admins and pipelines record deployments.');
    }
    const refusal = deploymentRefusal(change.status);
    if (refusal) throw new DomainError(refusal.code, refusal.message);

    const environment = await tx.environment.findUnique({ where: input.environmentId ? { id: input.environmentId } : { slug: input.environmentSlug }, select: ENVIRONMENT_SELECT });
    if (!environment) throw new DomainError('INVALID', 'No such environment.', { [input.environmentId ? 'environmentId' : 'environmentSlug']: ['Unknown environment.'] });

    const policy = await policySettingsInForce(tx);
    const gateAllow = await findGateAllow(tx, { changeId: change.id, environmentId: environment.id, startedAt: input.startedAt, validMinutes: policy.gateAllowValidMinutes, gateDecisionId: input.gateDecisionId });
    const approvals = await tx.approval.findMany({
      where: { changeRequestId: change.id },
      select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true },
    });
    const reasons = unauthorizedDeploymentReasons({ hasFreshGateAllow: gateAllow.isFresh, approvals: evaluateApprovals(change, approvals) });
    const isUnauthorized = reasons.length > 0;

    const created = await tx.deployment.create({
      data: {
        changeRequestId: change.id, environmentId: environment.id, gateDecisionId: gateAllow.id, status: input.status,
        commitSha: input.commitSha ?? null, startedAt: input.startedAt, finishedAt: input.finishedAt ?? null,
        isUnauthorized, unauthorizedReasons: reasons, recordedById: actor?.id ?? null,
      },
      select: { id: true, createdAt: true },
    });

    // Assumption: an unapproved (submitted) change stays submitted, so its review can still finish; its deploy is flagged.
    const next = transitionTarget('deploy', change.status) ?? change.status;
    // Assumption: a deploy of any outcome touched production, so the earliest one starts the clock, at its start
    // (a deploy reported late with an earlier start moves the clock back).
    const milestones = productionMilestones(change, { isProduction: environment.isProduction, status: input.status, startedAt: input.startedAt, finishedAt: input.finishedAt ?? null });
    const { firstProductionDeployAt } = milestones;
    const startsProductionClock = firstProductionDeployAt?.getTime() !== change.firstProductionDeployAt?.getTime();
    await tx.changeRequest.update({
      where: { id: change.id },
      data: { status: next, version: { increment: 1 }, ...milestones },
      select: { id: true },
    });

    let emergencyDeadlineAt: Date | null = null;
    if (startsProductionClock && firstProductionDeployAt && change.changeClass === 'emergency') {
      emergencyDeadlineAt = new Date(firstProductionDeployAt.getTime() + policy.emergencyReviewHours * 3_600_000);
      await tx.policyException.updateMany({
        where: { changeRequestId: change.id, kind: 'emergency_change', status: 'open' },
        data: { deadlineAt: emergencyDeadlineAt, version: { increment: 1 } },
      });
    }

    await appendAudit(tx, {
      action: 'deployment.recorded', entityType: 'deployment', entityId: created.id, actor: { id: actor?.id ?? null, tokenId }, at, requestId,
      changeSet: {
        changeId: change.id, environmentId: environment.id, environmentSlug: environment.slug, deploymentStatus: input.status,
        startedAt: input.startedAt.toISOString(), finishedAt: input.finishedAt?.toISOString() ?? null, commitSha: input.commitSha ?? null,
        gateDecisionId: gateAllow.id, isUnauthorized, unauthorizedReasons: reasons, policyVersion: policy.version,
        status: { old: change.status, new: next },
        ...(startsProductionClock ? { firstProductionDeployAt: firstProductionDeployAt?.toISOString() ?? null, emergencyDeadlineAt: emergencyDeadlineAt?.toISOString() ?? null } : {}),
        ...(milestones.productionReachedAt?.getTime() !== change.productionReachedAt?.getTime() ? { productionReachedAt: milestones.productionReachedAt?.toISOString() ?? null } : {}),
      },
    });

    return {
      id: created.id, changeId: change.id, environment: { id: environment.id, slug: environment.slug, isProduction: environment.isProduction },
      status: input.status, startedAt: input.startedAt, finishedAt: input.finishedAt ?? null, commitSha: input.commitSha ?? null,
      gateDecisionId: gateAllow.id, isUnauthorized, unauthorizedReasons: reasons, changeStatus: next, firstProductionDeployAt, recordedAt: created.createdAt,
    };
  });
}

export type RecordedDeployment = Awaited<ReturnType<typeof recordDeployment>>;

type GateAllowQuery = { changeId: string; environmentId: string; startedAt: Date; validMinutes: number; gateDecisionId?: string };

/**
 * The gate decision behind the deploy: the one the pipeline names (it must be about this change and
 * environment), else the latest allow given before the start. `isFresh` only for an allow still valid then.
 */
async function findGateAllow(tx: Tx, query: GateAllowQuery): Promise<{ id: string | null; isFresh: boolean }> {
  const select = { id: true, result: true, evaluatedAt: true, changeRequestId: true, environmentId: true, isPreview: true } as const;
  const decision = query.gateDecisionId
    ? await tx.gateDecision.findUnique({ where: { id: query.gateDecisionId }, select })
    : await tx.gateDecision.findFirst({
      where: { changeRequestId: query.changeId, environmentId: query.environmentId, result: 'allow', isPreview: false, evaluatedAt: { lte: query.startedAt } },
      orderBy: { evaluatedAt: 'desc' },
      select,
    });
  if (query.gateDecisionId && (!decision || decision.changeRequestId !== query.changeId || decision.environmentId !== query.environmentId)) {
    throw new DomainError('INVALID', 'That gate decision is not about this change and environment.', { gateDecisionId: ['Not a decision for this deploy.'] });
  }
  if (!decision) return { id: null, isFresh: false };
  // A preview answers about another moment, and a deny never authorizes: both leave the deploy flagged.
  const isFresh = decision.result === 'allow' && !decision.isPreview && isGateAllowFresh(decision.evaluatedAt, query.startedAt, query.validMinutes);
  return { id: decision.id, isFresh };
}
