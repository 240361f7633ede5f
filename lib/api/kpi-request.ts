// Reads the KPI query of an /api/v1/kpis request: unknown parameters and bad values are a 400 naming each.
import { ApiError } from '@/lib/api/route';
import { resolveKpiScope, type KpiScope } from '@/lib/server/kpis/kpi-scope';
import { KPI_QUERY_PARAMS } from '@/lib/schemas/kpi-query';

export async function kpiScopeOf(request: Request, at: Date, extraParams: readonly string[] = []): Promise<{ scope: KpiScope; params: URLSearchParams }> {
  const params = new URL(request.url).searchParams;
  const known = new Set<string>([...KPI_QUERY_PARAMS, ...extraParams]);
  const unknown = [...new Set(params.keys())].filter((name) => !known.has(name));
  if (unknown.length) throw new ApiError(400, 'BAD_REQUEST', 'The query was not understood.', Object.fromEntries(unknown.map((name) => [name, ['Unknown query parameter.']])));
  const resolved = await resolveKpiScope(Object.fromEntries([...KPI_QUERY_PARAMS].map((name) => [name, params.get(name) ?? undefined])), at);
  if (!resolved.success) throw new ApiError(400, 'BAD_REQUEST', 'The query was not understood.', resolved.fieldErrors);
  return { scope: resolved.scope, params };
}
