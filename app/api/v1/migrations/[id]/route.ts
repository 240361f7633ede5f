import { authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { migrationResponse, planIdOf, type MigrationRouteContext } from '@/lib/api/migration-response';
import { ZEditMigrationPlanBody } from '@/lib/schemas/migration-plan';
import { updateMigrationPlan } from '@/lib/server/migrations/update-migration-plan';

/** One plan with its checklist and what it holds at the gate; a plan of another team's draft is 404. */
export function GET(request: Request, route: MigrationRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'migrations:read');
    return migrationResponse(caller.actor, await planIdOf(route), context);
  });
}

/** Edits a planned migration; `version` is the row version read. A new type starts its details afresh. */
export function PATCH(request: Request, route: MigrationRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'migrations:write');
    const actor = personOf(caller, 'edit a migration plan');
    const planId = await planIdOf(route);
    const { version, ...patch } = await parseJsonBody(request, ZEditMigrationPlanBody);
    await updateMigrationPlan({ actor, at: context.at, planId, expectedVersion: version, patch, requestId: context.requestId });
    return migrationResponse(actor, planId, context);
  });
}
