// The exceptions log as CSV (formula-safe), with the page's filters. A page-side route, so it
// authenticates by the session cookie itself: no layout protects a handler.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { parseExceptionListQuery } from '@/lib/schemas/exception-list-query';
import { exportExceptions } from '@/lib/server/exceptions/queries';
import { exceptionLogCsv } from '@/lib/server/exceptions/exception-log-export';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the exceptions log.');
    const { filter, problems } = parseExceptionListQuery(Object.fromEntries(new URL(request.url).searchParams));
    if (problems.length) throw new ApiError(400, 'BAD_REQUEST', problems.join(' '));
    const { timeZone } = await currentPolicySettings();
    const { items, isTruncated } = await exportExceptions({ filter, at, timeZone });
    return new Response(exceptionLogCsv(items), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="exceptions-log.csv"',
        'cache-control': 'no-store',
        'x-request-id': requestId,
        // Nothing in a CSV says it is incomplete, so a header does.
        ...(isTruncated ? { 'x-truncated': 'true' } : {}),
      },
    });
  });
}
