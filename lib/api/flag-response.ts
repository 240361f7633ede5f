// Shared by the /api/v1/flags handlers: the path's flag id, the list's query, and the flag as the answer.
import { z } from 'zod';
import { ApiError, apiJson, type ApiContext } from '@/lib/api/route';
import { flagDto } from '@/lib/api/dto/flag';
import { DomainError } from '@/lib/server/errors';
import { FLAG_LIST_MAX_LIMIT, FLAG_PAGE_SIZE, getFlag } from '@/lib/server/flags/queries';
import { decodeFlagCursor, FLAG_FILTER_PARAMS, parseFlagListQuery, type FlagListFilter } from '@/lib/schemas/flag';
import type { Actor } from '@/lib/policy/permissions';

/** The route's `[id]` segment. */
export type FlagRouteContext = { params: Promise<{ id: string }> };

/** A malformed id names no flag, so it is answered like a missing one. */
export async function flagIdOf({ params }: FlagRouteContext): Promise<string> {
  const parsed = z.uuid().safeParse((await params).id);
  if (!parsed.success) throw new DomainError('NOT_FOUND', 'No such flag.');
  return parsed.data.toLowerCase();
}

/** The flag as it is now; every endpoint answers with it, so a pipeline learns the next version. */
export async function flagResponse(viewer: Actor | null, flagId: string, { requestId, at }: ApiContext, status = 200): Promise<Response> {
  return apiJson(flagDto(await getFlag(viewer, flagId, at)), { status, requestId });
}

const ZPaging = z.object({
  limit: z.coerce.number('Send a whole number.').int('Send a whole number.').min(1, 'At least 1.').max(FLAG_LIST_MAX_LIMIT, `At most ${FLAG_LIST_MAX_LIMIT}.`).default(FLAG_PAGE_SIZE),
  cursor: z.string().optional().transform((value, ctx) => {
    if (value === undefined) return undefined;
    const key = decodeFlagCursor(value);
    if (!key) ctx.addIssue({ code: 'custom', message: 'Use the nextCursor of an earlier page.' });
    return key ?? undefined;
  }),
});

const KNOWN_PARAMS = new Set<string>([...FLAG_FILTER_PARAMS, 'limit', 'cursor']);

/** The list's query, strictly: an unknown parameter or a value the page would drop is a 400 naming it. */
export function parseFlagListParams(url: URL): { filter: FlagListFilter; afterKey?: string; limit: number } {
  const params = url.searchParams;
  const fieldErrors: Record<string, string[]> = {};
  for (const name of new Set(params.keys())) if (!KNOWN_PARAMS.has(name)) fieldErrors[name] = ['Unknown query parameter.'];
  const given = Object.fromEntries(FLAG_FILTER_PARAMS.flatMap((name) => { const value = params.get(name); return value === null ? [] : [[name, value]]; }));
  const query = parseFlagListQuery(given);
  for (const [name, problem] of Object.entries(query.problems)) fieldErrors[name] = [problem];
  const paging = ZPaging.safeParse({ limit: params.get('limit') ?? undefined, cursor: params.get('cursor') ?? undefined });
  if (!paging.success) for (const issue of paging.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
  if (!paging.success || Object.keys(fieldErrors).length > 0) throw new ApiError(400, 'BAD_REQUEST', 'The query was not understood.', fieldErrors);
  return { filter: query.filter, afterKey: paging.data.cursor, limit: paging.data.limit };
}
