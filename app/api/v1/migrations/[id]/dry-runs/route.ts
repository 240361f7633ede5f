import { authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { idempotently } from '@/lib/api/idempotency';
import { migrationResponse, planIdOf, type MigrationRouteContext } from '@/lib/api/migration-response';
import { ZDryRunBody } from '@/lib/schemas/migration-plan';
import { recordDryRun } from '@/lib/server/migrations/record-dry-run';

/** Records a backfill's dry run (CTRL-012.3 "dry-run first"). Service tokens are welcome: pipelines run rehearsals. */
export function POST(request: Request, route: MigrationRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'migrations:write');
    const planId = await planIdOf(route);
    return idempotently(request, caller, context, async () => {
      const dryRun = await parseJsonBody(request, ZDryRunBody);
      await recordDryRun({ actor: caller.actor, tokenId: caller.tokenId, at: context.at, planId, dryRun, requestId: context.requestId });
      return migrationResponse(caller.actor, planId, context, 201);
    });
  });
}
