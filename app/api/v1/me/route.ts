import { apiJson, authenticate, handleApi } from '@/lib/api/route';

/** Who this token is: lets a pipeline check its credentials and scopes. */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    const caller = await authenticate(request, at, 'changes:read');
    return apiJson(
      { tokenId: caller.tokenId, kind: caller.kind, scopes: caller.scopes, user: caller.actor ? { id: caller.actor.id, role: caller.actor.role, isStaffPlus: caller.actor.isStaffPlus } : null },
      { requestId },
    );
  });
}
