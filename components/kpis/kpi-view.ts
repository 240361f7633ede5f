// What the KPI pieces receive, and the links and words they share: the dashboard's figures as the page
// reads them, the drill-down URLs (the dashboard's query plus the part, bucket and page), and buckets in words.
import { formatCalendarDate, formatCalendarMonth } from '@/lib/format/date';
import { CHANGE_CLASS_INFO, type ChangeClass } from '@/lib/policy/change-class';
import { KPI_RECORD_PART_LABEL, type KpiId, type KpiState, type LeadTimeFigures, type Ratio, type UnauthorizedKind } from '@/lib/policy/kpis';
import { kpiQueryParams, type KpiQuery } from '@/lib/schemas/kpi-query';
import type { PeriodGranularity } from '@/lib/time/periods';

type Named = { slug: string; name: string };

/** The dashboard's figures (as `kpiDashboard` returns them). */
export type KpiDashboardView = {
  period: { from: string; to: string; granularity: PeriodGranularity; timeZone: string };
  filters: { team: Named | null; service: Named | null; changeClass: ChangeClass | null };
  evaluatedAt: Date;
  policyVersion: number;
  /** Each bucket's first local date (`YYYY-MM-DD`): the week's Monday or the month's 1st. */
  buckets: readonly { label: string }[];
  changeFailureRate: RatioView;
  unauthorizedChanges: UnauthorizedCountView & { state: KpiState; trend: readonly UnauthorizedCountView[] };
  staleFlags: StaleReadingView & { state: KpiState; trend: readonly StaleReadingView[] };
  migrationRollbackRate: RatioView;
  leadTime: {
    state: KpiState;
    standard: LeadTimeFigures;
    all: LeadTimeFigures;
    byClass: Readonly<Record<ChangeClass, LeadTimeFigures>>;
    unmeasured: number;
    trend: readonly { standard: LeadTimeFigures; all: LeadTimeFigures }[];
  };
};

export type RatioView = Ratio & { state: KpiState; trend: readonly Ratio[] };
export type UnauthorizedCountView = { count: number; byKind: Readonly<Record<UnauthorizedKind, number>> };
/** A stale flag count at a moment; both null for a bucket that had not started. */
export type StaleReadingView = { at: Date | null; count: number | null };

/** The dashboard with the same filters. */
export function kpiDashboardHref(query: KpiQuery): string {
  return `/kpis?${kpiQueryParams(query)}`;
}

/** The records behind a figure: one part of a KPI, over the period or one bucket of its trend. */
export function kpiRecordsHref(query: KpiQuery, kpi: KpiId, { part, bucket, page }: { part?: string; bucket?: number | null; page?: number } = {}): string {
  const params = kpiQueryParams(query);
  if (part) params.set('part', part);
  if (bucket !== undefined && bucket !== null) params.set('bucket', String(bucket));
  if (page !== undefined && page > 1) params.set('page', String(page));
  return `/kpis/${kpi}?${params}`;
}

// The shared "All" reads badly alone, as a heading or a tab.
const ALL_PART_LABEL: Partial<Record<KpiId, string>> = { 'unauthorized-changes': 'All unauthorized changes', 'lead-time': 'All measured changes' };

/** The words for one part of a KPI's records. */
export function recordPartLabel(kpi: KpiId, part: string): string {
  return (part === 'all' ? ALL_PART_LABEL[kpi] : undefined) ?? KPI_RECORD_PART_LABEL[part] ?? part;
}

/** "Week of 2026-03-02" or "March 2026": a trend bucket in words (a week may be cut by the period's ends). */
export function bucketName(label: string, granularity: PeriodGranularity): string {
  return granularity === 'week' ? `Week of ${label}` : formatCalendarMonth(label);
}

/** The bucket's short name under a chart's axis. */
export function bucketTick(label: string, granularity: PeriodGranularity): string {
  return granularity === 'week' ? label : formatCalendarMonth(label);
}

/**
 * Series colours, each at least 3:1 against white (WCAG 1.4.11). Lines also differ by dash and the
 * legend and the table name every series, so colour is never the only signal.
 */
export const SERIES_COLOUR = { primary: '#4338ca', secondary: '#b45309', tertiary: '#0f766e' } as const;

/** The period and filters of a reading, as `describeKpiScope` words them. */
export type KpiScopeWords = { from: string; to: string; timeZone: string; team: { name: string } | null; service: { name: string } | null; changeClass: ChangeClass | null };

/** "Mon 2 Mar 2026 to Sun 31 May 2026 (Europe/Berlin); team Payments, standard changes only". */
export function describeKpiScope(scope: KpiScopeWords): string {
  const filters = [
    scope.team ? `team ${scope.team.name}` : null,
    scope.service ? `service ${scope.service.name}` : null,
    scope.changeClass ? `${CHANGE_CLASS_INFO[scope.changeClass].label.toLowerCase()} changes only` : null,
  ].filter((filter) => filter !== null);
  return `${formatCalendarDate(scope.from)} to ${formatCalendarDate(scope.to)} (${scope.timeZone})${filters.length ? `; ${filters.join(', ')}` : ''}`;
}
