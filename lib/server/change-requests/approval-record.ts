import type { ChangeDetail } from '@/lib/server/change-requests/get-change';

/** One decision as the API and the evidence export state it (UTC ISO times, approver named). */
export function approvalRecord(approval: ChangeDetail['approvals'][number], currentContentVersion: number) {
  return {
    id: approval.id,
    approver: { id: approval.approverId, name: approval.approver.name, email: approval.approver.email },
    decision: approval.decision,
    comment: approval.comment,
    contentVersion: approval.contentVersion,
    /** Only decisions on the current content version count. */
    isCurrent: approval.contentVersion === currentContentVersion,
    wasStaffPlus: approval.wasStaffPlus,
    decidedAt: approval.decidedAt.toISOString(),
  };
}
