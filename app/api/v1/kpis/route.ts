import { apiJson, authenticate, handleApi } from '@/lib/api/route';
import { kpiDashboardDto } from '@/lib/api/dto/kpis';
import { kpiScopeOf } from '@/lib/api/kpi-request';
import { kpiDashboard } from '@/lib/server/kpis/kpi-dashboard';

/** The five POL-012 KPIs over a period (`?from=&to=&team=&service=&class=&granularity=`), with targets and trends. */
export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    await authenticate(request, at, 'kpis:read');
    const { scope } = await kpiScopeOf(request, at);
    return apiJson(kpiDashboardDto(await kpiDashboard(scope)), { requestId });
  });
}
