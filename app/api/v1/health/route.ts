import { apiJson, handleApi } from '@/lib/api/route';
import { isDatabaseReachable } from '@/lib/server/database-health';

const RETRY_AFTER_SECONDS = '5';

/**
 * For load balancers and monitors: whether this instance can serve, that is, reach its database.
 * Public and not rate-limited (probes come every few seconds); it reveals nothing else.
 */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId }) => {
    if (await isDatabaseReachable()) return apiJson({ status: 'ok', database: 'reachable' }, { requestId });
    return apiJson({ status: 'unavailable', database: 'unreachable' }, { status: 503, requestId, headers: { 'retry-after': RETRY_AFTER_SECONDS } });
  });
}
