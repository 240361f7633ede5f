// The KPI dashboard as CSV, with the page's period and filters. Long format, one figure a row, KPI by
// KPI: its figures over the whole period (scope "period": the headline figure first, with its target and
// state), then the same figures per week or month. Rates are fractions, durations seconds, instants ISO
// 8601 UTC; cells are formula-safe.
import { currentUser } from '@/lib/auth/session-user';
import { ApiError, handleApi } from '@/lib/api/route';
import { fileDownload } from '@/lib/api/file-download';
import { kpiDashboardDto, type KpiDashboardDto } from '@/lib/api/dto/kpis';
import { kpiScopeOf } from '@/lib/api/kpi-request';
import { csvDocument, type CsvCell } from '@/lib/format/csv';
import { CHANGE_CLASSES } from '@/lib/policy/change-class';
import { KPI_IDS, UNAUTHORIZED_KINDS, type KpiId, type LeadTimeFigures } from '@/lib/policy/kpis';
import { kpiDashboard } from '@/lib/server/kpis/kpi-dashboard';

const HEADER = ['kpi', 'title', 'scope', 'bucket', 'start', 'end', 'measure', 'value', 'unit', 'target', 'state', 'team', 'service', 'class', 'policy_version', 'evaluated_at'];

/** One figure: its name, value and unit. */
type Figure = readonly [measure: string, value: CsvCell, unit: string];

const leadTimeFigures = (group: string, figures: LeadTimeFigures): Figure[] => [
  [`${group}_median`, figures.medianSeconds, 'seconds'], [`${group}_p90`, figures.p90Seconds, 'seconds'], [`${group}_measured`, figures.count, 'changes'],
];

/** Each KPI's figures over the period and per bucket, the headline figure first. */
function figuresOf(kpis: KpiDashboardDto['kpis'], kpi: KpiId, bucket: number | null): Figure[] {
  switch (kpi) {
    case 'change-failure-rate': {
      const figures = bucket === null ? kpis[kpi] : kpis[kpi].trend[bucket]!;
      return [['rate', figures.value, 'fraction'], ['failed', figures.failed, 'changes'], ['deployed', figures.deployed, 'changes']];
    }
    case 'unauthorized-changes': {
      const figures = bucket === null ? kpis[kpi] : kpis[kpi].trend[bucket]!;
      return [['count', figures.value, 'records'], ...UNAUTHORIZED_KINDS.map((kind): Figure => [kind, figures.byKind[kind], 'records'])];
    }
    case 'stale-flags': {
      const figures = bucket === null ? kpis[kpi] : kpis[kpi].trend[bucket]!;
      return [['count', figures.value, 'flags'], ['counted_at', figures.at, 'instant']];
    }
    case 'migration-rollback-rate': {
      const figures = bucket === null ? kpis[kpi] : kpis[kpi].trend[bucket]!;
      return [['rate', figures.value, 'fraction'], ['rolled_back', figures.rolledBack, 'migrations'], ['executed', figures.executed, 'migrations']];
    }
    case 'lead-time': {
      const lead = kpis[kpi];
      if (bucket !== null) return [...leadTimeFigures('standard', lead.trend[bucket]!.standard), ...leadTimeFigures('all', lead.trend[bucket]!.all)];
      return [
        ...leadTimeFigures('standard', lead.standard), ...leadTimeFigures('all', lead.all),
        ...CHANGE_CLASSES.flatMap((changeClass) => leadTimeFigures(changeClass, lead.byClass[changeClass])), ['unmeasured', lead.unmeasured, 'changes'],
      ];
    }
  }
}

function rowsOf(dto: KpiDashboardDto): CsvCell[][] {
  const context = [dto.filters.team, dto.filters.service, dto.filters.class, dto.policyVersion, dto.evaluatedAt];
  const scopes = [
    { scope: 'period', bucket: null, label: null, start: dto.period.start, end: dto.period.end },
    ...dto.buckets.map((each, index) => ({ scope: dto.period.granularity, bucket: index, ...each })),
  ];
  return KPI_IDS.flatMap((kpi) => {
    const { title, targetValue, state } = dto.kpis[kpi];
    // The target and state belong to the headline figure; a bucket has a target but no verdict of its own.
    return scopes.flatMap(({ scope, bucket, label, start, end }) => figuresOf(dto.kpis, kpi, bucket).map(([measure, value, unit], index) => [
      kpi, title, scope, label, start, end, measure, value, unit, index === 0 ? targetValue : null, index === 0 && bucket === null ? state : null, ...context,
    ]));
  });
}

/** Page-side download: authenticated by the session cookie, as no layout protects a route handler. */
export function GET(request: Request) {
  return handleApi(request, async ({ at, requestId }) => {
    if (!(await currentUser())) throw new ApiError(401, 'UNAUTHENTICATED', 'Sign in to export the KPIs.');
    const { scope } = await kpiScopeOf(request, at);
    const dto = kpiDashboardDto(await kpiDashboard(scope));
    return fileDownload(csvDocument(HEADER, rowsOf(dto)), { type: 'text/csv', name: `kpis-${dto.period.from}-to-${dto.period.to}.csv`, requestId });
  });
}
