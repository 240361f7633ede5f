// The query of GET /api/v1/changes: the change list page's filters, read by the same parser but
// strictly (a value the page would drop with a notice is a 400 naming the parameter), plus paging.
import { ApiError } from '@/lib/api/route';
import { FILTER_PARAMS, parseChangeListQuery, type ChangeListFilter, type ChangeListPage } from '@/lib/schemas/change-list-query';
import { changeListPaging } from '@/lib/schemas/change-api';
import { CHANGE_PAGE_SIZE } from '@/lib/server/change-requests/list-changes';

const ZPaging = changeListPaging(CHANGE_PAGE_SIZE);
const KNOWN_PARAMS = new Set<string>([...FILTER_PARAMS, ...Object.keys(ZPaging.shape)]);

export type ChangeListParams = { filter: ChangeListFilter; page: ChangeListPage; limit: number };

/** `timeZone` (the policy zone) says which local days `from` and `to` name. */
export function parseChangeListParams(url: URL, timeZone: string): ChangeListParams {
  const params = url.searchParams;
  const fieldErrors: Record<string, string[]> = {};
  for (const name of new Set(params.keys())) if (!KNOWN_PARAMS.has(name)) fieldErrors[name] = ['Unknown query parameter.'];

  const given: Record<string, string> = {};
  for (const name of FILTER_PARAMS) {
    const value = params.get(name);
    if (value !== null) given[name] = value;
  }
  const query = parseChangeListQuery(given, timeZone);
  for (const name of FILTER_PARAMS) {
    if (given[name]?.trim() && query.values[name] === undefined) fieldErrors[name] = ['Not understood; the message says why.'];
  }

  const paging = ZPaging.safeParse({ limit: params.get('limit') ?? undefined, cursor: params.get('cursor') ?? undefined });
  if (!paging.success) for (const issue of paging.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);

  if (!paging.success || Object.keys(fieldErrors).length > 0) {
    throw new ApiError(400, 'BAD_REQUEST', ['The query was not understood.', ...query.problems].join(' '), fieldErrors);
  }
  return { filter: query.filter, page: { before: paging.data.cursor }, limit: paging.data.limit };
}
