import { z } from 'zod';
import { apiJson, authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { changeIdOf } from '@/lib/api/change-response';
import { idempotently } from '@/lib/api/idempotency';
import { overrideDto } from '@/lib/api/dto/override';
import { ZRevokeOverrideBody } from '@/lib/schemas/override';
import { DomainError } from '@/lib/server/errors';
import { revokeOverride } from '@/lib/server/overrides/revoke-override';
import { getChangeOverride } from '@/lib/server/overrides/queries';

type Context = { params: Promise<{ id: string; overrideId: string }> };

/** Ends an override at once, with the reason: its grantor, a manager or an admin; personal tokens only. */
export function POST(request: Request, route: Context) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'changes:write');
    const actor = personOf(caller, 'revoke a freeze override');
    const changeId = await changeIdOf(route);
    const parsed = z.uuid().safeParse((await route.params).overrideId);
    // A malformed id names no override, so it is answered like a missing one.
    if (!parsed.success) throw new DomainError('NOT_FOUND', 'No such override on this change.');
    const overrideId = parsed.data.toLowerCase();
    return idempotently(request, caller, context, async () => {
      const { reason } = await parseJsonBody(request, ZRevokeOverrideBody);
      await revokeOverride({ actor, at: context.at, changeId, overrideId, reason, requestId: context.requestId });
      return apiJson(overrideDto(await getChangeOverride(actor, changeId, overrideId, context.at)), { requestId: context.requestId });
    });
  });
}
