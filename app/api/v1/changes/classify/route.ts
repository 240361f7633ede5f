import { apiJson, authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { classificationDto } from '@/lib/api/dto/change';
import { ZClassifyBody } from '@/lib/schemas/change-api';
import { classifyPullRequest } from '@/lib/server/change-requests/classify-pull-request';

/** A PR check (CTRL-012.1): does the class label cover the changed paths? Records nothing. */
export function POST(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticate(request, at, 'classify');
    const body = await parseJsonBody(request, ZClassifyBody);
    return apiJson(classificationDto(await classifyPullRequest(body)), { requestId });
  });
}
