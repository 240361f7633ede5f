import { ApiError, apiJson, authenticate, handleApi, parseJsonBody, personOf } from '@/lib/api/route';
import { idempotently } from '@/lib/api/idempotency';
import { migrationListItemDto } from '@/lib/api/dto/migration-plan';
import { migrationResponse } from '@/lib/api/migration-response';
import { changeListPaging } from '@/lib/schemas/change-api';
import { MIGRATION_FILTER_PARAMS, ZCreateMigrationPlanBody, encodeMigrationCursor, parseMigrationListQuery } from '@/lib/schemas/migration-plan';
import { createMigrationPlan } from '@/lib/server/migrations/create-migration-plan';
import { listMigrationPlans, MIGRATION_PAGE_SIZE } from '@/lib/server/migrations/queries';

const ZLimit = changeListPaging(MIGRATION_PAGE_SIZE).pick({ limit: true });
const KNOWN_PARAMS = new Set<string>([...MIGRATION_FILTER_PARAMS, 'limit', 'cursor']);

/** The plans the caller may see, newest first, filtered by type, status, team or change; follow `nextCursor`. */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    const caller = await authenticate(request, at, 'migrations:read');
    const params = new URL(request.url).searchParams;
    const fieldErrors: Record<string, string[]> = {};
    for (const name of new Set(params.keys())) if (!KNOWN_PARAMS.has(name)) fieldErrors[name] = ['Unknown query parameter.'];
    const given = Object.fromEntries([...MIGRATION_FILTER_PARAMS].map((name) => [name, params.get(name) ?? undefined]));
    const query = parseMigrationListQuery({ ...given, before: params.get('cursor') ?? undefined });
    for (const [name, problem] of Object.entries(query.problems)) fieldErrors[name === 'before' ? 'cursor' : name] = [name === 'before' ? 'Use the nextCursor of an earlier page.' : problem];
    const limit = ZLimit.safeParse({ limit: params.get('limit') ?? undefined });
    if (!limit.success) fieldErrors.limit = limit.error.issues.map((issue) => issue.message);
    if (!limit.success || Object.keys(fieldErrors).length > 0) throw new ApiError(400, 'BAD_REQUEST', 'The query was not understood.', fieldErrors);
    const list = await listMigrationPlans(caller.actor, query.filter, query.before, limit.data.limit);
    return apiJson({ items: list.items.map(migrationListItemDto), nextCursor: list.older ? encodeMigrationCursor(list.older) : null }, { requestId });
  });
}

/** Attaches a plan to a change as the token's owner: a service token has no person to own it. */
export function POST(request: Request) {
  return handleApi(request, async (context) => {
    const caller = await authenticate(request, context.at, 'migrations:write');
    const actor = personOf(caller, 'add a migration plan');
    return idempotently(request, caller, context, async () => {
      const { changeId, ...plan } = await parseJsonBody(request, ZCreateMigrationPlanBody);
      const { id } = await createMigrationPlan({ actor, at: context.at, changeId: changeId.toLowerCase(), plan, requestId: context.requestId });
      return migrationResponse(actor, id, context, 201);
    });
  });
}
