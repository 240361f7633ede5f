// Approval rules — POL-012 CTRL-012.1 and the exception path. Pure.
import type { ChangeClass } from '@/lib/policy/change-class';
import type { PolicyReason } from '@/lib/policy/decision';
import type { Actor } from '@/lib/policy/permissions';

export type ApprovalInput = {
  approverId: string;
  decision: 'approve' | 'reject';
  /** The content version the approver decided on. */
  contentVersion: number;
  wasStaffPlus: boolean;
  decidedAt: Date;
};

export type ApprovalSubject = {
  changeClass: ChangeClass;
  authorId: string;
  contentVersion: number;
  adrUrl: string | null;
};

type ClassRule = { approvals: number; staffPlusOnly: boolean; needsAdr: boolean };

/** How many distinct approvals each class needs before it may deploy. */
export const CLASS_RULES: Record<ChangeClass, ClassRule> = {
  standard: { approvals: 1, staffPlusOnly: false, needsAdr: false },
  normal: { approvals: 2, staffPlusOnly: false, needsAdr: false },
  // The second emergency approval is retroactive: it is tracked by evaluateEmergencyReview.
  emergency: { approvals: 1, staffPlusOnly: false, needsAdr: false },
  major: { approvals: 2, staffPlusOnly: true, needsAdr: true },
};

export type ApprovalVerdict = {
  state: 'approved' | 'pending' | 'rejected';
  /** Distinct approvers whose approval counts for the current version. */
  approverIds: string[];
  /** What is still missing, in words, each naming CTRL-012.1. */
  missing: PolicyReason[];
};

const plural = (count: number, word: string) => `${count} more ${word}${count === 1 ? '' : 's'}`;

/** Only decisions on the current content version count; the author's never do; each person once. */
export function currentDecisions(subject: ApprovalSubject, approvals: readonly ApprovalInput[]): ApprovalInput[] {
  const seen = new Set<string>();
  return approvals.filter((approval) => {
    if (approval.contentVersion !== subject.contentVersion || approval.approverId === subject.authorId) return false;
    if (seen.has(approval.approverId)) return false;
    seen.add(approval.approverId);
    return true;
  });
}

/** When the second distinct person approved the current version (an emergency change's retroactive approval). */
export function secondApprovalAt(subject: ApprovalSubject, approvals: readonly ApprovalInput[]): Date | null {
  const inOrder = [...approvals].sort((a, b) => a.decidedAt.getTime() - b.decidedAt.getTime());
  return currentDecisions(subject, inOrder).filter((decision) => decision.decision === 'approve')[1]?.decidedAt ?? null;
}

export function evaluateApprovals(subject: ApprovalSubject, approvals: readonly ApprovalInput[]): ApprovalVerdict {
  const rule = CLASS_RULES[subject.changeClass];
  const decisions = currentDecisions(subject, approvals);
  if (decisions.some((decision) => decision.decision === 'reject')) {
    return { state: 'rejected', approverIds: [], missing: [{ control: 'CTRL-012.1', code: 'REJECTED', message: 'A reviewer rejected this version.' }] };
  }
  const counted = decisions.filter((decision) => decision.decision === 'approve' && (!rule.staffPlusOnly || decision.wasStaffPlus));
  const missing: PolicyReason[] = [];
  const lacking = rule.approvals - counted.length;
  if (lacking > 0) {
    missing.push({
      control: 'CTRL-012.1',
      code: rule.staffPlusOnly ? 'STAFF_PLUS_APPROVALS_MISSING' : 'APPROVALS_MISSING',
      message: `Needs ${plural(lacking, rule.staffPlusOnly ? 'Staff+ approval' : 'approval')}.`,
    });
  }
  if (rule.needsAdr && !subject.adrUrl) {
    missing.push({ control: 'CTRL-012.1', code: 'ADR_MISSING', message: 'Major changes need a link to their ADR.' });
  }
  return { state: missing.length === 0 ? 'approved' : 'pending', approverIds: counted.map((decision) => decision.approverId), missing };
}

export type ApproveRefusal = { code: 'SELF_APPROVAL' | 'ROLE' | 'STAFF_PLUS_REQUIRED' | 'INACTIVE'; message: string };

/**
 * Whether this person may decide on the change: active engineers and managers other than its
 * authors; Staff+ for major changes. Returns the refusal, or null when allowed.
 */
export function approvalRefusal(actor: Actor | null, subject: Pick<ApprovalSubject, 'changeClass' | 'authorId'>, coAuthorIds: readonly string[] = []): ApproveRefusal | null {
  // A null actor is a service token: service accounts never approve.
  if (!actor) return { code: 'ROLE', message: 'Service tokens do not review changes.' };
  if (!actor.isActive) return { code: 'INACTIVE', message: 'Your account is disabled.' };
  if (actor.id === subject.authorId || coAuthorIds.includes(actor.id)) return { code: 'SELF_APPROVAL', message: 'Nobody approves a change they authored.' };
  // Assumption: admins and auditors hold oversight roles, so they do not review changes.
  if (actor.role !== 'engineer' && actor.role !== 'manager') return { code: 'ROLE', message: 'Only engineers and managers review changes.' };
  if (CLASS_RULES[subject.changeClass].staffPlusOnly && !actor.isStaffPlus) return { code: 'STAFF_PLUS_REQUIRED', message: 'Major changes are reviewed by Staff+ engineers.' };
  return null;
}

export type EmergencyReview = {
  /** Starts at the first production deploy; null before it. */
  deadline: Date | null;
  hasSecondApproval: boolean;
  isDocumented: boolean;
  state: 'not-started' | 'due' | 'complete' | 'overdue' | 'late';
};

/**
 * The exception path for emergency changes: within the review window after the first production
 * deploy, the record is completed and a second, different person approves retroactively.
 */
export function evaluateEmergencyReview(
  input: { firstProductionDeployAt: Date | null; documentedAt: Date | null; secondApprovalAt: Date | null },
  reviewHours: number,
  at: Date,
): EmergencyReview {
  const { firstProductionDeployAt, documentedAt, secondApprovalAt } = input;
  const base = { hasSecondApproval: secondApprovalAt !== null, isDocumented: documentedAt !== null };
  if (!firstProductionDeployAt) return { ...base, deadline: null, state: 'not-started' };
  const deadline = new Date(firstProductionDeployAt.getTime() + reviewHours * 3_600_000);
  if (documentedAt && secondApprovalAt) {
    // Done at the deadline itself is in time: the window is closed at its end.
    const doneAt = Math.max(documentedAt.getTime(), secondApprovalAt.getTime());
    return { ...base, deadline, state: doneAt <= deadline.getTime() ? 'complete' : 'late' };
  }
  return { ...base, deadline, state: at.getTime() > deadline.getTime() ? 'overdue' : 'due' };
}

export type EmergencyRecord = { description: string; rollbackPlan: string; pullRequestUrls: readonly string[]; changedPaths: readonly string[] };

/**
 * What an emergency change's record still lacks before its documentation counts as backfilled
 * (exception path, step 1). Assumption: a complete record names why, what changed, where, and how to undo it.
 */
export function missingEmergencyRecord(record: EmergencyRecord): PolicyReason[] {
  const missing: [boolean, string, string][] = [
    [record.description.trim().length === 0, 'DESCRIPTION_MISSING', 'Describe what happened and why this fix.'],
    [record.rollbackPlan.trim().length === 0, 'ROLLBACK_PLAN_MISSING', 'Write the rollback plan.'],
    [record.pullRequestUrls.length === 0, 'PULL_REQUEST_MISSING', 'Link the pull request.'],
    [record.changedPaths.length === 0, 'SCOPE_MISSING', 'List the changed paths.'],
  ];
  return missing.filter(([isMissing]) => isMissing).map(([, code, message]) => ({ control: 'EXCEPTION-PATH', code, message }));
}
