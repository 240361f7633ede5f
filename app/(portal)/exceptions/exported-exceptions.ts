// What both exceptions-log exports read: the signed-in user's filtered entries. Export routes are
// page-side, so they authenticate by the session cookie themselves: no layout protects a handler.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError } from '@/lib/api/route';
import { parseExceptionListQuery } from '@/lib/schemas/exception-list-query';
import { exportExceptions } from '@/lib/server/exceptions/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';

export async function exportedExceptions(request: Request, at: Date) {
  const user = await currentUser();
  if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the exceptions log.');
  const { filter, problems } = parseExceptionListQuery(Object.fromEntries(new URL(request.url).searchParams));
  if (problems.length) throw new ApiError(400, 'BAD_REQUEST', problems.join(' '));
  const { timeZone } = await currentPolicySettings();
  return { filter, ...(await exportExceptions({ filter, at, timeZone })) };
}
