// Who may read and verify the audit trail over /api/v1.
import { ApiError, authenticate } from '@/lib/api/route';
import { canReadAuditTrail } from '@/lib/policy/permissions';

/**
 * Personal tokens act as their owner, so only auditors' and admins' reach the trail (it names every
 * record, drafts included); service tokens need the `audit:read` scope.
 */
export async function authenticateAuditReader(request: Request, at: Date): Promise<void> {
  const caller = await authenticate(request, at, 'audit:read');
  if (caller.actor && !canReadAuditTrail(caller.actor)) throw new ApiError(403, 'FORBIDDEN', 'Only auditors and admins read the audit trail.');
}
