import { apiJson, authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { flagListItemDto } from '@/lib/api/dto/flag';
import { flagResponse, parseFlagListParams } from '@/lib/api/flag-response';
import { idempotently } from '@/lib/api/idempotency';
import { encodeFlagCursor, ZNewFlag } from '@/lib/schemas/flag';
import { createFlag } from '@/lib/server/flags/create-flag';
import { listFlags } from '@/lib/server/flags/queries';

/** The flag inventory in key order, filtered, one page at a time (follow `nextCursor`). */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticate(request, at, 'flags:read');
    const { filter, afterKey, limit } = parseFlagListParams(new URL(request.url));
    const list = await listFlags(filter, at, afterKey, limit);
    return apiJson({ items: list.items.map(flagListItemDto), nextCursor: list.nextKey ? encodeFlagCursor(list.nextKey) : null }, { requestId });
  });
}

/** Adds a flag (its key must follow the convention); a personal token creates it as its owner. */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'flags:write');
    return idempotently(request, caller, context, async () => {
      const input = await parseJsonBody(request, ZNewFlag);
      const { id } = await createFlag({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, input, source: 'api', requestId: context.requestId });
      return flagResponse(caller.actor, id, context, 201);
    });
  });
}
