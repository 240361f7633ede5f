import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError, isUniqueViolation } from '@/lib/server/errors';
import { lockChange } from '@/lib/server/change-requests/lock-change';
import { settleEmergencyException } from '@/lib/server/change-requests/settle-emergency-exception';
import { approvalRefusal, evaluateApprovals, type ApprovalVerdict } from '@/lib/policy/approval-rules';
import { isOpenForReview } from '@/lib/policy/change-lifecycle';
import type { Actor } from '@/lib/policy/permissions';

export type RecordApprovalDecisionInput = {
  actor: Actor;
  at: Date;
  changeId: string;
  /** The content version the reviewer saw: a decision on anything else would approve unseen content. */
  contentVersion: number;
  decision: 'approve' | 'reject';
  comment: string;
  requestId?: string;
};

const AUDIT_ACTION = { approve: 'change.approved', reject: 'change.rejected' } as const;

/** Records one person's decision on one content version and moves the change by the class's rule. */
export async function recordApprovalDecision({ actor, at, changeId, contentVersion, decision, comment, requestId }: RecordApprovalDecisionInput): Promise<ApprovalVerdict> {
  try {
    return await db.$transaction(async (tx) => {
      const change = await lockChange(tx, actor, changeId);
      const refusal = approvalRefusal(actor, change, change.coAuthorIds);
      if (refusal) {
        await recordDeniedAttempt({ action: 'change.approval-denied', entityType: 'change', entityId: change.id, actor, at, requestId, changeSet: { reason: refusal.code, decision, contentVersion } });
        throw new DomainError('FORBIDDEN', refusal.message);
      }
      // An emergency change deploys on one approval; its second one comes afterwards (exception path).
      const isRetroactive = change.changeClass === 'emergency' && (change.status === 'deployed' || change.status === 'closed');
      if (!isOpenForReview(change.status) && !isRetroactive) throw new DomainError('CONFLICT', `A ${change.status} change takes no decisions.`);
      if (change.contentVersion !== contentVersion) {
        throw new DomainError('STALE_VERSION', `The change was edited (now version ${change.contentVersion}); review the new version.`);
      }

      await tx.approval.create({
        data: { changeRequestId: change.id, approverId: actor.id, contentVersion, decision, comment, wasStaffPlus: actor.isStaffPlus, decidedAt: at },
        select: { id: true },
      });
      const approvals = await tx.approval.findMany({
        where: { changeRequestId: change.id },
        select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true },
      });
      const verdict = evaluateApprovals(change, approvals);
      const next = isRetroactive ? change.status : verdict.state === 'pending' ? 'submitted' : verdict.state;
      await tx.changeRequest.update({ where: { id: change.id }, data: { status: next, version: { increment: 1 } }, select: { id: true } });
      await appendAudit(tx, {
        action: AUDIT_ACTION[decision], entityType: 'change', entityId: change.id, actor, at, requestId,
        changeSet: { contentVersion, comment, status: { old: change.status, new: next }, missing: verdict.missing.map((reason) => reason.message) },
      });
      if (change.changeClass === 'emergency') await settleEmergencyException(tx, change.id, at);
      return verdict;
    });
  } catch (error) {
    // The unique key (change, approver, version) absorbs double clicks and racing tabs.
    if (isUniqueViolation(error)) throw new DomainError('CONFLICT', 'You already decided on this version.');
    throw error;
  }
}
