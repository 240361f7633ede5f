// The current head of the audit chain as a checkpoint file. A page-side route, so it authenticates by
// the session cookie itself.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { auditCheckpointDto } from '@/lib/api/dto/audit';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { exportCheckpoint } from '@/lib/server/audit-events/verify-chain';

export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to download a checkpoint.');
    // Like the page: the trail does not exist for those who may not read it.
    if (!canReadAuditTrail(user)) throw new ApiError(404, 'NOT_FOUND', 'Not found.');
    const checkpoint = auditCheckpointDto(await exportCheckpoint(at));
    return new Response(`${JSON.stringify(checkpoint, null, 2)}\n`, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="audit-checkpoint-${checkpoint.seq}.json"`,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
