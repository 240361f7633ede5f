// Shared by the /api/v1/changes/{id} handlers: the path's change id, and the change as the answer.
import { z } from 'zod';
import { apiJson, type ApiContext } from '@/lib/api/route';
import { changeDto } from '@/lib/api/dto/change';
import { DomainError } from '@/lib/server/errors';
import { getChange } from '@/lib/server/change-requests/get-change';
import type { Actor } from '@/lib/policy/permissions';

/** The route's `[id]` segment. */
export type ChangeRouteContext = { params: Promise<{ id: string }> };

const ZChangeId = z.uuid();

/** A malformed id names no change, so it is answered like a missing one. */
export async function changeIdOf({ params }: ChangeRouteContext): Promise<string> {
  const { id } = await params;
  const parsed = ZChangeId.safeParse(id);
  if (!parsed.success) throw new DomainError('NOT_FOUND', 'No such change request.');
  return parsed.data.toLowerCase();
}

/**
 * The change as `viewer` now sees it (null: a service token, which sees what every signed-in user
 * sees). Every change endpoint answers with it, so a pipeline always learns the next version.
 */
export async function changeResponse(viewer: Actor | null, changeId: string, { requestId, at }: ApiContext, status = 200): Promise<Response> {
  return apiJson(changeDto(await getChange(viewer, changeId, at)), { status, requestId });
}
