import { ApiError, apiJson, authenticate, handleApi } from '@/lib/api/route';
import { kpiRecordPageDto } from '@/lib/api/dto/kpis';
import { kpiScopeOf } from '@/lib/api/kpi-request';
import { listKpiRecords } from '@/lib/server/kpis/kpi-records';
import { KPI_IDS, type KpiId } from '@/lib/policy/kpis';

const integerOrNull = (value: string | null) => (value === null || value === '' ? null : /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN);

/** The records behind one KPI figure (`?part=&bucket=&page=` besides the dashboard's query), 50 a page. */
export function GET(request: Request, { params }: { params: Promise<{ kpi: string }> }) {
  return handleApi(request, async ({ at, requestId }) => {
    await authenticate(request, at, 'kpis:read');
    const { kpi } = await params;
    if (!(KPI_IDS as readonly string[]).includes(kpi)) throw new ApiError(404, 'NOT_FOUND', `No such KPI; choose one of: ${KPI_IDS.join(', ')}.`);
    const { scope, params: query } = await kpiScopeOf(request, at, ['part', 'bucket', 'page']);
    const page = await listKpiRecords(scope, kpi as KpiId, {
      part: query.get('part') ?? undefined, bucket: integerOrNull(query.get('bucket')), page: integerOrNull(query.get('page')) ?? 1,
    });
    return apiJson(kpiRecordPageDto(page), { requestId });
  });
}
