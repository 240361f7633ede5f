import Link from 'next/link';
import { CHANGE_CLASSES, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import {
  KPI_DEFINITIONS, KPI_RECORD_PARTS, KPI_TARGET_VALUES, UNAUTHORIZED_KINDS, formatDuration, formatRate,
  type KpiId, type KpiState, type LeadTimeFigures,
} from '@/lib/policy/kpis';
import type { KpiQuery } from '@/lib/schemas/kpi-query';
import { ListTable } from '@/components/ui/list-table';
import { LINK } from '@/components/ui/styles';
import { Time } from '@/components/ui/time';
import { KpiCard, KpiValue } from '@/components/kpis/kpi-card';
import { TrendFigure } from '@/components/kpis/trend-figure';
import {
  SERIES_COLOUR, bucketName, bucketTick, describeKpiScope, kpiRecordsHref, recordPartLabel, type KpiDashboardView, type RatioView,
} from '@/components/kpis/kpi-view';

/** What every panel needs: where its numbers link to, and the buckets in words. */
type Context = {
  query: KpiQuery;
  timeZone: string;
  buckets: readonly { name: string; tick: string }[];
  /** "by week" or "by month". */
  by: string;
};

type Props = { dashboard: KpiDashboardView; query: KpiQuery };

const duration = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds));
const hours = (seconds: number | null) => (seconds === null ? null : seconds / 3600);

function recordsOf(context: Context, kpi: KpiId) {
  return (part: string, bucket?: number) => kpiRecordsHref(context.query, kpi, { part, bucket });
}

/** Change failure rate and migration rollback rate: a share of records, each side linked. */
function RatioPanel({ kpi, ratio, context }: Readonly<{ kpi: 'change-failure-rate' | 'migration-rollback-rate'; ratio: RatioView; context: Context }>) {
  const [numerator = '', denominator = ''] = KPI_RECORD_PARTS[kpi];
  const records = recordsOf(context, kpi);
  const title = KPI_DEFINITIONS[kpi].title;
  return (
    <KpiCard
      kpi={kpi}
      state={ratio.state}
      value={<KpiValue kpi={kpi} text={ratio.rate === null ? null : formatRate(ratio.rate)} href={records(numerator)} />}
      facts={[
        { term: recordPartLabel(kpi, numerator), count: ratio.numerator, href: records(numerator) },
        { term: recordPartLabel(kpi, denominator), count: ratio.denominator, href: records(denominator) },
      ]}
    >
      <TrendFigure
        title={`${title} ${context.by}`}
        chart={{
          kind: 'line', unit: 'rate',
          points: context.buckets.map((bucket, index) => ({ tick: bucket.tick, values: { rate: ratio.trend[index]?.rate ?? null } })),
          series: [{ key: 'rate', name: title, colour: SERIES_COLOUR.primary }],
          target: { value: KPI_TARGET_VALUES[kpi], label: `Target: below ${formatRate(KPI_TARGET_VALUES[kpi])}` },
        }}
        columns={[recordPartLabel(kpi, numerator), recordPartLabel(kpi, denominator), 'Rate']}
        rows={ratio.trend.map((point, index) => ({
          bucket: context.buckets[index]?.name ?? '',
          cells: [{ text: point.numerator, href: records(numerator, index) }, { text: point.denominator, href: records(denominator, index) }, { text: formatRate(point.rate) }],
        }))}
        note="A dash: nothing was counted, so there is no rate."
      />
    </KpiCard>
  );
}

function UnauthorizedPanel({ figures, context }: Readonly<{ figures: KpiDashboardView['unauthorizedChanges']; context: Context }>) {
  const kpi = 'unauthorized-changes';
  const records = recordsOf(context, kpi);
  const colours = [SERIES_COLOUR.primary, SERIES_COLOUR.secondary, SERIES_COLOUR.tertiary];
  return (
    <KpiCard
      kpi={kpi}
      state={figures.state}
      value={<KpiValue kpi={kpi} text={String(figures.count)} href={records('all')} />}
      facts={UNAUTHORIZED_KINDS.map((kind) => ({ term: recordPartLabel(kpi, kind), count: figures.byKind[kind], href: records(kind) }))}
    >
      <TrendFigure
        title={`${KPI_DEFINITIONS[kpi].title} ${context.by}, by kind`}
        chart={{
          kind: 'bars', unit: 'count',
          points: context.buckets.map((bucket, index) => ({ tick: bucket.tick, values: figures.trend[index]?.byKind ?? {} })),
          series: UNAUTHORIZED_KINDS.map((kind, index) => ({ key: kind, name: recordPartLabel(kpi, kind), colour: colours[index] ?? SERIES_COLOUR.primary })),
        }}
        columns={[...UNAUTHORIZED_KINDS.map((kind) => recordPartLabel(kpi, kind)), 'Total']}
        rows={figures.trend.map((point, index) => ({
          bucket: context.buckets[index]?.name ?? '',
          cells: [
            ...UNAUTHORIZED_KINDS.map((kind) => ({ text: point.byKind[kind], href: records(kind, index) })),
            { text: point.count, href: records('all', index) },
          ],
        }))}
      />
    </KpiCard>
  );
}

function StaleFlagsPanel({ figures, context }: Readonly<{ figures: KpiDashboardView['staleFlags']; context: Context }>) {
  const kpi = 'stale-flags';
  const records = recordsOf(context, kpi);
  return (
    <KpiCard
      kpi={kpi}
      state={figures.state}
      value={<KpiValue kpi={kpi} text={figures.count === null ? null : String(figures.count)} href={records('stale')} />}
      facts={[{ term: 'Counted at', text: figures.at ? <Time at={figures.at} timeZone={context.timeZone} /> : 'Not yet: the period has not started' }]}
    >
      <TrendFigure
        title={`${KPI_DEFINITIONS[kpi].title} ${context.by}`}
        chart={{
          kind: 'bars', unit: 'count',
          points: context.buckets.map((bucket, index) => ({ tick: bucket.tick, values: { count: figures.trend[index]?.count ?? null } })),
          series: [{ key: 'count', name: 'Stale flags at the end', colour: SERIES_COLOUR.primary }],
          target: { value: KPI_TARGET_VALUES[kpi], label: `Target: below ${KPI_TARGET_VALUES[kpi]}` },
        }}
        columns={['Counted at', 'Stale flags']}
        rows={figures.trend.map((reading, index) => ({
          bucket: context.buckets[index]?.name ?? '',
          cells: reading.at === null || reading.count === null
            ? [{ text: 'Not started' }, { text: '—' }]
            : [{ text: <Time at={reading.at} timeZone={context.timeZone} /> }, { text: reading.count, href: records('stale', index) }],
        }))}
        note="Counted at the end of each period, or now for the one still running."
      />
    </KpiCard>
  );
}

/** Lead time of each class over the whole period, with the changes that could not be measured. */
function LeadTimeByClass({ lead, context }: Readonly<{ lead: KpiDashboardView['leadTime']; context: Context }>) {
  const records = recordsOf(context, 'lead-time');
  const rows: { label: string; part: string; figures: LeadTimeFigures }[] = [
    ...CHANGE_CLASSES.map((changeClass) => ({ label: CHANGE_CLASS_INFO[changeClass].label, part: changeClass, figures: lead.byClass[changeClass] })),
    { label: 'Every class', part: 'all', figures: lead.all },
  ];
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium text-slate-800">Lead time by class</h3>
      <ListTable caption="Lead time by class over the period" columns={['Class', 'Changes measured', 'Median', '90th percentile']} isCompact>
        {rows.map((row) => (
          <tr key={row.part}>
            <th scope="row" className="px-3 py-1.5 text-left font-normal">{row.label}</th>
            <td className="px-3 py-1.5 tabular-nums"><Link href={records(row.part)} className={LINK}>{row.figures.count}</Link></td>
            <td className="px-3 py-1.5 tabular-nums">{duration(row.figures.medianSeconds)}</td>
            <td className="px-3 py-1.5 tabular-nums">{duration(row.figures.p90Seconds)}</td>
          </tr>
        ))}
      </ListTable>
      <p className="mt-1 text-xs text-slate-600">
        <Link href={records('unmeasured')} className={LINK}>{lead.unmeasured}</Link> {lead.unmeasured === 1 ? 'change' : 'changes'} reached production without a recorded pull request opening and could not be measured.
      </p>
    </div>
  );
}

function LeadTimePanel({ lead, context }: Readonly<{ lead: KpiDashboardView['leadTime']; context: Context }>) {
  const kpi = 'lead-time';
  const records = recordsOf(context, kpi);
  return (
    <KpiCard
      kpi={kpi}
      state={lead.state}
      value={<KpiValue kpi={kpi} text={lead.standard.medianSeconds === null ? null : formatDuration(lead.standard.medianSeconds)} href={records('standard')} />}
      facts={[
        { term: 'Standard changes measured', count: lead.standard.count, href: records('standard') },
        { term: 'Standard, 90th percentile', text: duration(lead.standard.p90Seconds) },
        { term: 'Every class, median', text: duration(lead.all.medianSeconds) },
        { term: 'Every class, 90th percentile', text: duration(lead.all.p90Seconds) },
        { term: 'Changes measured, every class', count: lead.all.count, href: records('all') },
      ]}
    >
      <div className="min-w-0 space-y-4">
        <TrendFigure
          title={`${KPI_DEFINITIONS[kpi].title} ${context.by}`}
          chart={{
            kind: 'line', unit: 'hours',
            points: context.buckets.map((bucket, index) => {
              const point = lead.trend[index];
              return { tick: bucket.tick, values: { standardMedian: hours(point?.standard.medianSeconds ?? null), standardP90: hours(point?.standard.p90Seconds ?? null), allMedian: hours(point?.all.medianSeconds ?? null) } };
            }),
            series: [
              { key: 'standardMedian', name: 'Standard, median', colour: SERIES_COLOUR.primary },
              { key: 'standardP90', name: 'Standard, 90th percentile', colour: SERIES_COLOUR.secondary, dash: '6 3' },
              { key: 'allMedian', name: 'Every class, median', colour: SERIES_COLOUR.tertiary, dash: '2 3' },
            ],
            target: { value: KPI_TARGET_VALUES[kpi] / 3600, label: `Target: standard median below ${formatDuration(KPI_TARGET_VALUES[kpi])}` },
          }}
          columns={['Standard, median', 'Standard, 90th percentile', 'Standard changes', 'Every class, median', 'Every class, 90th percentile', 'Changes, every class']}
          rows={lead.trend.map((point, index) => ({
            bucket: context.buckets[index]?.name ?? '',
            cells: [
              { text: duration(point.standard.medianSeconds) }, { text: duration(point.standard.p90Seconds) }, { text: point.standard.count, href: records('standard', index) },
              { text: duration(point.all.medianSeconds) }, { text: duration(point.all.p90Seconds) }, { text: point.all.count, href: records('all', index) },
            ],
          }))}
          note="A dash: no change of that group reached production then."
        />
        <LeadTimeByClass lead={lead} context={context} />
      </div>
    </KpiCard>
  );
}

/** "Targets met: 3 of 5; missed: 1; no data: 1". */
function tallyOf(states: readonly KpiState[]): string {
  const count = (state: KpiState) => states.filter((each) => each === state).length;
  const parts = [`Targets met: ${count('met')} of ${states.length}`];
  if (count('missed') > 0) parts.push(`missed: ${count('missed')}`);
  if (count('no-data') > 0) parts.push(`no data: ${count('no-data')}`);
  return parts.join('; ');
}

/** The reading's period, filters and states in one sentence, announced again when the filters change. */
function ReadingSummary({ dashboard }: Readonly<{ dashboard: KpiDashboardView }>) {
  const states = [dashboard.changeFailureRate, dashboard.unauthorizedChanges, dashboard.staleFlags, dashboard.migrationRollbackRate, dashboard.leadTime].map((figures) => figures.state);
  return (
    <div role="status" className="mb-6 space-y-1 text-sm text-slate-700">
      <p>
        <span className="font-medium text-slate-900">{describeKpiScope({ ...dashboard.period, ...dashboard.filters })}</span>, by {dashboard.period.granularity}. {tallyOf(states)}.
      </p>
      <p>Read at <Time at={dashboard.evaluatedAt} timeZone={dashboard.period.timeZone} /> under policy settings version {dashboard.policyVersion}. Every number opens the records it counts.</p>
    </div>
  );
}

/** The five KPIs of POL-012, each with its figure against the target and its trend. */
export function KpiPanels({ dashboard, query }: Readonly<Props>) {
  const { granularity, timeZone } = dashboard.period;
  const context: Context = {
    query, timeZone,
    buckets: dashboard.buckets.map((bucket) => ({ name: bucketName(bucket.label, granularity), tick: bucketTick(bucket.label, granularity) })),
    by: granularity === 'week' ? 'by week' : 'by month',
  };
  return (
    <>
      <ReadingSummary dashboard={dashboard} />
      <div className="space-y-6">
        <RatioPanel kpi="change-failure-rate" ratio={dashboard.changeFailureRate} context={context} />
        <UnauthorizedPanel figures={dashboard.unauthorizedChanges} context={context} />
        <StaleFlagsPanel figures={dashboard.staleFlags} context={context} />
        <RatioPanel kpi="migration-rollback-rate" ratio={dashboard.migrationRollbackRate} context={context} />
        <LeadTimePanel lead={dashboard.leadTime} context={context} />
      </div>
    </>
  );
}
