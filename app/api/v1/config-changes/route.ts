import { apiJson, authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { configChangeResponse, parseConfigChangeListParams } from '@/lib/api/config-change-response';
import { configChangeListItemDto } from '@/lib/api/dto/config-change';
import { idempotently } from '@/lib/api/idempotency';
import { encodeConfigChangeCursor, ZNewConfigChange } from '@/lib/schemas/config-change';
import { createConfigChange } from '@/lib/server/config-changes/create-config-change';
import { listConfigChanges } from '@/lib/server/config-changes/queries';

/** Configuration changes, newest first, filtered, one page at a time (follow `nextCursor`). */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticate(request, at, 'config-changes:read');
    const { filter, before, limit } = parseConfigChangeListParams(new URL(request.url));
    const list = await listConfigChanges(filter, before, limit);
    return apiJson({ items: list.items.map(configChangeListItemDto), nextCursor: list.older ? encodeConfigChangeCursor(list.older) : null }, { requestId });
  });
}

/** Plans a change through its process, as the token's owner: a service token has no person to request it. */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'config-changes:write');
    const actor = personOf(caller, 'request a configuration change');
    return idempotently(request, caller, context, async () => {
      const input = await parseJsonBody(request, ZNewConfigChange);
      const { id } = await createConfigChange({ actor, at: context.at, input, requestId: context.requestId });
      return configChangeResponse(actor, id, context, 201);
    });
  });
}
