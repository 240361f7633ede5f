// Deployment records — POL-012 CTRL-012.2. Which deploys are recorded, and which are flagged unauthorized. Pure.
import type { ChangeStatus } from '@/lib/policy/change-class';
import type { PolicyReason } from '@/lib/policy/decision';
import type { ApprovalVerdict } from '@/lib/policy/approval-rules';

/** Why a deploy of a change in this status is not recorded at all, or null when it is recorded. */
export function deploymentRefusal(status: ChangeStatus): { code: 'INVALID' | 'CONFLICT'; message: string } | null {
  // Assumption: a draft, cancelled or rejected change was never put up for (or failed) approval, so a
  // deploy of it names the wrong change; refusing it keeps the record honest.
  if (status === 'draft' || status === 'cancelled' || status === 'rejected') return { code: 'INVALID', message: `A ${status} change is not approved, so it cannot be recorded as deployed.` };
  // Assumption: a closed change is finished evidence; a new deploy belongs to a new change.
  if (status === 'closed') return { code: 'CONFLICT', message: 'A closed change takes no more deploys; file a new change.' };
  // Assumption: a submitted change that is not yet approved is recorded (the deploy happened and the
  // evidence must show it) and flagged by unauthorizedReasons.
  return null;
}

/**
 * Whether an `allow` of the gate still covers a deploy started at `startedAt`: it was given at most
 * `validMinutes` before the start (both ends included), never after it.
 */
export function isGateAllowFresh(evaluatedAt: Date, startedAt: Date, validMinutes: number): boolean {
  const age = startedAt.getTime() - evaluatedAt.getTime();
  return age >= 0 && age <= validMinutes * 60_000;
}

/**
 * Why a recorded deploy was not authorized: no fresh gate allow for its change and environment
 * (fail-closed: every deploy without one is flagged), and whatever the class rule still lacks.
 */
export function unauthorizedDeploymentReasons(input: { hasFreshGateAllow: boolean; approvals: Pick<ApprovalVerdict, 'state' | 'missing'> }): PolicyReason[] {
  const reasons: PolicyReason[] = [];
  if (!input.hasFreshGateAllow) {
    reasons.push({ control: 'CTRL-012.2', code: 'NO_GATE_ALLOW', message: 'No allow from the deploy gate for this change and environment shortly before the deploy started.' });
  }
  if (input.approvals.state !== 'approved') reasons.push(...input.approvals.missing);
  return reasons;
}

export type ProductionMilestones = { firstProductionDeployAt: Date | null; productionReachedAt: Date | null };

/**
 * A change's production milestones after one more recorded deploy: its first production deploy (the
 * earliest start of any outcome, since every attempt touched production) and when it reached
 * production (the end, else the start, of its earliest successful one). A pipeline may report deploys
 * out of order, so each milestone keeps the earliest time seen.
 */
export function productionMilestones(
  current: ProductionMilestones,
  deploy: { isProduction: boolean; status: 'started' | 'succeeded' | 'failed' | 'rolled_back'; startedAt: Date; finishedAt: Date | null },
): ProductionMilestones {
  if (!deploy.isProduction) return { firstProductionDeployAt: current.firstProductionDeployAt, productionReachedAt: current.productionReachedAt };
  const earliest = (known: Date | null, candidate: Date) => (known && known.getTime() <= candidate.getTime() ? known : candidate);
  return {
    firstProductionDeployAt: earliest(current.firstProductionDeployAt, deploy.startedAt),
    productionReachedAt: deploy.status === 'succeeded' ? earliest(current.productionReachedAt, deploy.finishedAt ?? deploy.startedAt) : current.productionReachedAt,
  };
}
