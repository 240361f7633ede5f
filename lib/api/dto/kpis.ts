// What /api/v1/kpis says (and what the CSV export writes): the five KPIs with their definitions,
// targets, states and trends as plain JSON with UTC ISO times; rates as fractions, durations in seconds.
import type { KpiDashboard } from '@/lib/server/kpis/kpi-dashboard';
import type { KpiRecordPage } from '@/lib/server/kpis/kpi-records';
import { KPI_DEFINITIONS, KPI_TARGET_VALUES, type KpiId } from '@/lib/policy/kpis';

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

/** The definition, target and state every KPI carries. */
function headerOf(kpi: KpiId, state: string) {
  const { title, controls, target, formula, filterNote } = KPI_DEFINITIONS[kpi];
  return { title, controls, target, targetValue: KPI_TARGET_VALUES[kpi], formula, filterNote: filterNote ?? null, state };
}

export function kpiDashboardDto(dashboard: KpiDashboard) {
  const { changeFailureRate: failure, unauthorizedChanges: unauthorized, staleFlags: stale, migrationRollbackRate: rollback, leadTime: lead } = dashboard;
  const labels = dashboard.buckets.map((bucket) => bucket.label);
  return {
    period: { ...dashboard.period, start: iso(dashboard.period.start), end: iso(dashboard.period.end), isEndExclusive: true },
    filters: { team: dashboard.filters.team?.slug ?? null, service: dashboard.filters.service?.slug ?? null, class: dashboard.filters.changeClass },
    evaluatedAt: iso(dashboard.evaluatedAt),
    policyVersion: dashboard.policyVersion,
    buckets: dashboard.buckets.map((bucket) => ({ label: bucket.label, start: iso(bucket.start), end: iso(bucket.end) })),
    kpis: {
      'change-failure-rate': {
        ...headerOf('change-failure-rate', failure.state), value: failure.rate, failed: failure.numerator, deployed: failure.denominator,
        trend: failure.trend.map((point, index) => ({ bucket: labels[index], value: point.rate, failed: point.numerator, deployed: point.denominator })),
      },
      'unauthorized-changes': {
        ...headerOf('unauthorized-changes', unauthorized.state), value: unauthorized.count, byKind: unauthorized.byKind,
        trend: unauthorized.trend.map((point, index) => ({ bucket: labels[index], value: point.count, byKind: point.byKind })),
      },
      'stale-flags': {
        ...headerOf('stale-flags', stale.state), value: stale.count, at: iso(stale.at),
        trend: stale.trend.map((point, index) => ({ bucket: labels[index], value: point.count, at: iso(point.at) })),
      },
      'migration-rollback-rate': {
        ...headerOf('migration-rollback-rate', rollback.state), value: rollback.rate, rolledBack: rollback.numerator, executed: rollback.denominator,
        trend: rollback.trend.map((point, index) => ({ bucket: labels[index], value: point.rate, rolledBack: point.numerator, executed: point.denominator })),
      },
      'lead-time': {
        ...headerOf('lead-time', lead.state), value: lead.standard.medianSeconds, unit: 'seconds',
        standard: lead.standard, all: lead.all, byClass: lead.byClass, unmeasured: lead.unmeasured,
        trend: lead.trend.map((point, index) => ({ bucket: labels[index], standard: point.standard, all: point.all })),
      },
    },
  };
}

export type KpiDashboardDto = ReturnType<typeof kpiDashboardDto>;

export function kpiRecordPageDto(page: KpiRecordPage) {
  return { ...page, records: page.records.map((record) => ({ ...record, at: iso(record.at) })) };
}
