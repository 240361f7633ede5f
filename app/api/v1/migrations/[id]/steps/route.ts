import { authenticate, handleApi, parseJsonBody } from '@/lib/api/route';
import { idempotently } from '@/lib/api/idempotency';
import { migrationResponse, planIdOf, type MigrationRouteContext } from '@/lib/api/migration-response';
import { ZMigrationStepBody } from '@/lib/schemas/migration-plan';
import { recordMigrationStep } from '@/lib/server/migrations/record-migration-step';
import { recordPhaseStep } from '@/lib/server/migrations/record-phase-step';

/**
 * Records a step of the migration: the whole plan, or with `phase` one phase of a breaking schema
 * migration. Service tokens are welcome: pipelines record the steps they run.
 */
export function POST(request: Request, route: MigrationRouteContext) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'migrations:write');
    const planId = await planIdOf(route);
    return idempotently(request, caller, context, async () => {
      const { step, phase, reason, version } = await parseJsonBody(request, ZMigrationStepBody);
      const input = { actor: caller.actor, tokenId: caller.tokenId, at: context.at, planId, step, reason, expectedVersion: version, requestId: context.requestId };
      await (phase ? recordPhaseStep({ ...input, phase }) : recordMigrationStep(input));
      return migrationResponse(caller.actor, planId, context);
    });
  });
}
