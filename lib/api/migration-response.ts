// Shared by the /api/v1/migrations/{id} handlers: the path's plan id, and the plan as the answer.
import { z } from 'zod';
import { apiJson, type ApiContext } from '@/lib/api/route';
import { migrationPlanDto } from '@/lib/api/dto/migration-plan';
import { DomainError } from '@/lib/server/errors';
import { getMigrationPlan } from '@/lib/server/migrations/queries';
import type { Actor } from '@/lib/policy/permissions';

/** The route's `[id]` segment. */
export type MigrationRouteContext = { params: Promise<{ id: string }> };

const ZPlanId = z.uuid();

/** A malformed id names no plan, so it is answered like a missing one. */
export async function planIdOf({ params }: MigrationRouteContext): Promise<string> {
  const parsed = ZPlanId.safeParse((await params).id);
  if (!parsed.success) throw new DomainError('NOT_FOUND', 'No such migration plan.');
  return parsed.data.toLowerCase();
}

/** The plan as `viewer` now sees it (null: a service token), so a pipeline always learns the next version. */
export async function migrationResponse(viewer: Actor | null, planId: string, { requestId }: ApiContext, status = 200): Promise<Response> {
  return apiJson(migrationPlanDto(await getMigrationPlan(viewer, planId)), { status, requestId });
}
