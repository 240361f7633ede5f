// Shared by the /api/v1/config-changes handlers: the path's record id, the list's query, and the
// record as the answer.
import { z } from 'zod';
import { ApiError, apiJson, type ApiContext } from '@/lib/api/route';
import { configChangeDto } from '@/lib/api/dto/config-change';
import { DomainError } from '@/lib/server/errors';
import { CONFIG_CHANGE_LIST_MAX_LIMIT, CONFIG_CHANGE_PAGE_SIZE, getConfigChange } from '@/lib/server/config-changes/queries';
import { CONFIG_FILTER_PARAMS, decodeConfigChangeCursor, parseConfigChangeListQuery, type ConfigChangeCursor, type ConfigChangeListFilter } from '@/lib/schemas/config-change';
import type { Actor } from '@/lib/policy/permissions';

/** The route's `[id]` segment. */
export type ConfigChangeRouteContext = { params: Promise<{ id: string }> };

/** A malformed id names no record, so it is answered like a missing one. */
export async function configChangeIdOf({ params }: ConfigChangeRouteContext): Promise<string> {
  const { id } = await params;
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) throw new DomainError('NOT_FOUND', 'No such configuration change.');
  return parsed.data.toLowerCase();
}

/** The record as `viewer` sees it now; every endpoint answers with it, so a pipeline learns the next version. */
export async function configChangeResponse(viewer: Actor | null, configChangeId: string, { requestId }: ApiContext, status = 200): Promise<Response> {
  return apiJson(configChangeDto(await getConfigChange(viewer, configChangeId)), { status, requestId });
}

const ZPaging = z.object({
  limit: z.coerce.number('Send a whole number.').int('Send a whole number.').min(1, 'At least 1.').max(CONFIG_CHANGE_LIST_MAX_LIMIT, `At most ${CONFIG_CHANGE_LIST_MAX_LIMIT}.`).default(CONFIG_CHANGE_PAGE_SIZE),
  cursor: z.string().optional().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const cursor = decodeConfigChangeCursor(value);
    if (!cursor) ctx.addIssue({ code: 'custom', message: 'Use the nextCursor of an earlier page.' });
    return cursor;
  }),
});

const KNOWN_PARAMS = new Set<string>([...CONFIG_FILTER_PARAMS, 'limit', 'cursor']);

/**
 * The list's query, read by the page's parser but strictly: a value the page would drop with a
 * notice is a 400 naming the parameter.
 */
export function parseConfigChangeListParams(url: URL): { filter: ConfigChangeListFilter; before?: ConfigChangeCursor; limit: number } {
  const params = url.searchParams;
  const fieldErrors: Record<string, string[]> = {};
  for (const name of new Set(params.keys())) if (!KNOWN_PARAMS.has(name)) fieldErrors[name] = ['Unknown query parameter.'];
  const given = Object.fromEntries(CONFIG_FILTER_PARAMS.flatMap((name) => { const value = params.get(name); return value === null ? [] : [[name, value]]; }));
  const query = parseConfigChangeListQuery(given);
  for (const [name, problem] of Object.entries(query.problems)) fieldErrors[name] = [problem];
  const paging = ZPaging.safeParse({ limit: params.get('limit') ?? undefined, cursor: params.get('cursor') ?? undefined });
  if (!paging.success) for (const issue of paging.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
  if (!paging.success || Object.keys(fieldErrors).length > 0) throw new ApiError(400, 'BAD_REQUEST', 'The query was not understood.', fieldErrors);
  return { filter: query.filter, before: paging.data.cursor, limit: paging.data.limit };
}
