// The exceptions log as `exceptions-log.md` (POL-012 exception path), with the page's filters. A
// page-side route, so it authenticates by the session cookie itself: no layout protects a handler.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { describeExceptionFilter, parseExceptionListQuery } from '@/lib/schemas/exception-list-query';
import { exportExceptions } from '@/lib/server/exceptions/queries';
import { exceptionLogMarkdown } from '@/lib/server/exceptions/exception-log-export';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';

export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the exceptions log.');
    const { filter, problems } = parseExceptionListQuery(Object.fromEntries(new URL(request.url).searchParams));
    if (problems.length) throw new ApiError(400, 'BAD_REQUEST', problems.join(' '));
    const { timeZone } = await currentPolicySettings();
    const { items, isTruncated } = await exportExceptions({ filter, at, timeZone });
    return new Response(exceptionLogMarkdown(items, { at, filters: describeExceptionFilter(filter), isTruncated }), {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': 'attachment; filename="exceptions-log.md"',
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
