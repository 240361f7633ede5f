import { authenticate, handleApi } from '@/lib/api/route';
import { planIdOf, type MigrationRouteContext } from '@/lib/api/migration-response';
import { getMigrationPlan } from '@/lib/server/migrations/queries';

/** The plan's checklist as Markdown, ticked, for the pull-request template (CTRL-012.3 "Migration checklist in PR template"). */
export function GET(request: Request, route: MigrationRouteContext) {
  return handleApi(request, async ({ at, requestId }) => {
    const caller = await authenticate(request, at, 'migrations:read');
    const { markdown } = await getMigrationPlan(caller.actor, await planIdOf(route));
    return new Response(markdown, { headers: { 'content-type': 'text/markdown; charset=utf-8', 'cache-control': 'no-store', 'x-request-id': requestId } });
  });
}
