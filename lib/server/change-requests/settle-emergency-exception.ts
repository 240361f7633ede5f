import type { Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { secondApprovalAt } from '@/lib/policy/approval-rules';

/**
 * An emergency change's exception is settled once its record is completed and a second, different
 * person has approved it; called inside the transaction that completes either.
 */
export async function settleEmergencyException(tx: Tx, changeId: string, at: Date): Promise<void> {
  const exception = await tx.policyException.findFirst({
    where: { changeRequestId: changeId, kind: 'emergency_change', status: 'open' },
    select: { id: true, documentedAt: true, changeRequest: { select: { authorId: true, contentVersion: true, changeClass: true, adrUrl: true, approvals: { select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true } } } } },
  });
  if (!exception?.documentedAt || !exception.changeRequest) return;
  const { approvals, ...subject } = exception.changeRequest;
  if (!secondApprovalAt(subject, approvals)) return;
  await tx.policyException.update({ where: { id: exception.id }, data: { status: 'documented', version: { increment: 1 } }, select: { id: true } });
  await appendAudit(tx, { action: 'exception.documented', entityType: 'exception', entityId: exception.id, actor: null, at, changeSet: { status: { old: 'open', new: 'documented' }, changeId } });
}
