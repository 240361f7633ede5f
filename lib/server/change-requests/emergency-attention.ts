import { db } from '@/lib/server/db';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { evaluateEmergencyReview, secondApprovalAt, type EmergencyReview } from '@/lib/policy/approval-rules';

export type EmergencyAttentionItem = { changeId: string; number: number; title: string; authorName: string; review: EmergencyReview };

/**
 * Emergency changes whose exception is still open (exception path): their record or their second
 * approval is owed. Overdue ones first, then by deadline; changes not yet deployed last.
 */
export async function listEmergencyAttention(at: Date): Promise<EmergencyAttentionItem[]> {
  const [policy, exceptions] = await Promise.all([
    policySettingsInForce(),
    db.policyException.findMany({
      where: { kind: 'emergency_change', status: 'open', changeRequest: { status: { not: 'cancelled' } } },
      select: {
        documentedAt: true,
        changeRequest: {
          select: {
            id: true, number: true, title: true, changeClass: true, authorId: true, contentVersion: true, adrUrl: true, firstProductionDeployAt: true,
            author: { select: { name: true, email: true } },
            approvals: { select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true } },
          },
        },
      },
    }),
  ]);
  const rank = { overdue: 0, late: 1, due: 2, 'not-started': 3, complete: 4 } as const;
  return exceptions
    .flatMap(({ documentedAt, changeRequest: change }) => {
      if (!change) return [];
      const review = evaluateEmergencyReview({ firstProductionDeployAt: change.firstProductionDeployAt, documentedAt, secondApprovalAt: secondApprovalAt(change, change.approvals) }, policy.emergencyReviewHours, at);
      return [{ changeId: change.id, number: change.number, title: change.title, authorName: change.author.name ?? change.author.email, review }];
    })
    .sort((a, b) => rank[a.review.state] - rank[b.review.state] || (a.review.deadline?.getTime() ?? Infinity) - (b.review.deadline?.getTime() ?? Infinity));
}
