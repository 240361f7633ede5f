// What /api/v1 says about changes: plain JSON with UTC ISO times, never Prisma rows, so the contract
// holds when the tables change. lib/api/openapi.ts describes these shapes.
import type { ChangeView } from '@/lib/server/change-requests/get-change';
import { approvalRecord } from '@/lib/server/change-requests/approval-record';
import type { ChangeListItem } from '@/lib/server/change-requests/list-changes';
import type { LabelVerdict } from '@/lib/policy/class-scope';
import type { PolicyReason } from '@/lib/policy/decision';
import { changeReference } from '@/lib/policy/change-class';

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

const reasonDto = ({ control, code, message }: PolicyReason) => ({ control, code, message });

/** One change with where it stands against CTRL-012.1. */
export function changeDto({ change, incidents, verdict, emergencyReview, policyVersion }: ChangeView) {
  return {
    id: change.id,
    reference: changeReference(change.number),
    title: change.title,
    description: change.description,
    changeClass: change.changeClass,
    risk: change.risk,
    status: change.status,
    outcome: change.outcome,
    /** The row version: send it back to edit, submit or cancel. */
    version: change.version,
    /** The content version: approvals belong to it; send it back to approve or reject. */
    contentVersion: change.contentVersion,
    team: { id: change.team.id, name: change.team.name },
    author: { id: change.author.id, name: change.author.name, email: change.author.email },
    coAuthors: change.coAuthors.map(({ user }) => ({ id: user.id, name: user.name, email: user.email })),
    services: change.services.map(({ service }) => ({ id: service.id, name: service.name })),
    environments: change.environments.map(({ environment }) => ({ id: environment.id, name: environment.name })),
    incidents: incidents.map(({ id, reference, title, severity, link, isActive }) => ({ id, reference, title, severity, link, isActive })),
    pullRequestUrls: change.pullRequestUrls,
    prLabel: change.prLabel,
    changedPaths: change.changedPaths,
    adrUrl: change.adrUrl,
    rollbackPlan: change.rollbackPlan,
    notes: change.notes,
    plannedStart: iso(change.plannedStart),
    plannedEnd: iso(change.plannedEnd),
    prOpenedAt: iso(change.prOpenedAt),
    firstProductionDeployAt: iso(change.firstProductionDeployAt),
    createdAt: iso(change.createdAt),
    updatedAt: iso(change.updatedAt),
    submittedAt: iso(change.submittedAt),
    closedAt: iso(change.closedAt),
    approvals: change.approvals.map((approval) => approvalRecord(approval, change.contentVersion)),
    approvalVerdict: { state: verdict.state, approverIds: verdict.approverIds, missing: verdict.missing.map(reasonDto) },
    emergencyReview: emergencyReview && {
      state: emergencyReview.state,
      deadline: iso(emergencyReview.deadline),
      hasSecondApproval: emergencyReview.hasSecondApproval,
      isDocumented: emergencyReview.isDocumented,
    },
    policyVersion,
  };
}

export type ChangeDto = ReturnType<typeof changeDto>;

/** A row of the change list. */
export function changeListItemDto(item: ChangeListItem) {
  return {
    id: item.id,
    reference: changeReference(item.number),
    title: item.title,
    changeClass: item.changeClass,
    status: item.status,
    team: { name: item.team.name },
    author: { name: item.author.name, email: item.author.email },
    services: item.services.map(({ service }) => ({ name: service.name })),
    createdAt: iso(item.createdAt),
  };
}

/** The answer to a PR check (CTRL-012.1). */
export function classificationDto(verdict: LabelVerdict & { policyVersion: number }) {
  return { minimumClass: verdict.minimumClass, labelMatches: verdict.labelMatches, reasons: verdict.reasons.map(reasonDto), policyVersion: verdict.policyVersion };
}
