import { apiJson, authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { ZFlagLintRequest } from '@/lib/schemas/flag';
import { lintFlagKeys } from '@/lib/server/flags/queries';

/** Checks keys against the naming convention and the known teams (CTRL-012.4); stores nothing. */
export function POST(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticate(request, at, 'flags:lint');
    const { keys, types } = await parseJsonBody(request, ZFlagLintRequest);
    return apiJson(await lintFlagKeys(keys, types), { requestId });
  });
}
