import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { canViewChange, type Actor } from '@/lib/policy/permissions';
import { approvalRefusal, evaluateApprovals, evaluateEmergencyReview, secondApprovalAt } from '@/lib/policy/approval-rules';

const DETAIL_SELECT = {
  id: true, number: true, title: true, description: true, changeClass: true, risk: true, status: true, outcome: true,
  version: true, contentVersion: true, authorId: true, teamId: true, createdAt: true, updatedAt: true, submittedAt: true, closedAt: true,
  pullRequestUrls: true, prLabel: true, changedPaths: true, adrUrl: true, rollbackPlan: true, notes: true,
  plannedStart: true, plannedEnd: true, prOpenedAt: true, firstProductionDeployAt: true,
  team: { select: { id: true, name: true } },
  author: { select: { id: true, name: true, email: true } },
  coAuthors: { select: { user: { select: { id: true, name: true, email: true } } } },
  services: { select: { service: { select: { id: true, name: true } } }, orderBy: { service: { name: 'asc' } } },
  environments: { select: { environment: { select: { id: true, name: true } } }, orderBy: { environment: { name: 'asc' } } },
  incidents: {
    select: { link: true, incident: { select: { id: true, number: true, title: true, severity: true, startedAt: true, resolvedAt: true } } },
    orderBy: [{ incident: { number: 'asc' } }, { link: 'asc' }],
  },
  approvals: {
    select: { id: true, decision: true, comment: true, contentVersion: true, wasStaffPlus: true, decidedAt: true, approverId: true, approver: { select: { name: true, email: true } } },
    orderBy: { decidedAt: 'asc' },
  },
  exceptions: { where: { kind: 'emergency_change' }, select: { id: true, status: true, deadlineAt: true, documentedAt: true }, take: 1 },
  deployments: {
    select: { id: true, status: true, startedAt: true, finishedAt: true, commitSha: true, isUnauthorized: true, unauthorizedReasons: true, environment: { select: { name: true } } },
    orderBy: { startedAt: 'desc' },
  },
} satisfies Prisma.ChangeRequestSelect;

/** How an incident is named to people: `INC-<number>`. */
export function incidentReference(number: number): string {
  return `INC-${number}`;
}

export type ChangeDetail = Prisma.ChangeRequestGetPayload<{ select: typeof DETAIL_SELECT }>;

/**
 * One change the actor may see, with where it stands against CTRL-012.1 and what this actor may do
 * with it, or NOT_FOUND (another team's draft looks exactly like a missing one).
 */
export async function getChange(actor: Actor | null, changeId: string, at: Date) {
  const [change, policy] = await Promise.all([db.changeRequest.findUnique({ where: { id: changeId }, select: DETAIL_SELECT }), policySettingsInForce()]);
  if (!change || !canViewChange(actor, change)) throw new DomainError('NOT_FOUND', 'No such change request.');
  const coAuthorIds = change.coAuthors.map(({ user }) => user.id);
  const verdict = evaluateApprovals(change, change.approvals);
  const exception = change.exceptions[0] ?? null;
  const emergencyReview = change.changeClass === 'emergency'
    ? evaluateEmergencyReview({ firstProductionDeployAt: change.firstProductionDeployAt, documentedAt: exception?.documentedAt ?? null, secondApprovalAt: secondApprovalAt(change, change.approvals) }, policy.emergencyReviewHours, at)
    : null;
  // A null actor is a service token (an API pipeline): it owns nothing.
  const isOwner = actor !== null && (change.authorId === actor.id || coAuthorIds.includes(actor.id));
  const incidents = change.incidents.map(({ link, incident }) => ({
    id: incident.id, reference: incidentReference(incident.number), title: incident.title, severity: incident.severity, link,
    resolvedAt: incident.resolvedAt,
    // Active over the half-open interval [startedAt, resolvedAt), as the freeze rules read it.
    isActive: incident.startedAt <= at && (incident.resolvedAt === null || at < incident.resolvedAt),
  }));
  return {
    change,
    incidents,
    verdict,
    emergencyReview,
    policyVersion: policy.version,
    timeZone: policy.timeZone,
    /** Why this actor may not decide, or null when they may. */
    approvalRefusal: approvalRefusal(actor, change, coAuthorIds),
    isOwner,
  };
}

export type ChangeView = Awaited<ReturnType<typeof getChange>>;
