// The plan's Markdown checklist for the pull-request template (CTRL-012.3), downloaded as a file. A
// page-side route, so it authenticates by the session cookie itself: no layout protects a route handler.
import { z } from 'zod';
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { DomainError } from '@/lib/server/errors';
import { getMigrationPlan } from '@/lib/server/migrations/queries';

type Context = { params: Promise<{ planId: string }> };

export function GET(request: Request, { params }: Context) {
  return handleApi(request, async ({ requestId }) => {
    const user = await currentUser();
    if (!user) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to read the checklist.');
    const planId = z.uuid().safeParse((await params).planId);
    // A malformed id names no plan, so it is answered like a missing one.
    if (!planId.success) throw new DomainError('NOT_FOUND', 'No such migration plan.');
    const { markdown } = await getMigrationPlan(user, planId.data.toLowerCase());
    return new Response(markdown, {
      headers: {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `inline; filename="migration-${planId.data.toLowerCase()}-checklist.md"`,
        'cache-control': 'no-store',
        'x-request-id': requestId,
      },
    });
  });
}
