import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { KPI_DEFINITIONS, KPI_IDS, KPI_RECORD_PARTS, type KpiId } from '@/lib/policy/kpis';
import { DomainError } from '@/lib/server/errors';
import { listKpiRecords, type KpiRecordPage } from '@/lib/server/kpis/kpi-records';
import { resolveKpiScope } from '@/lib/server/kpis/kpi-scope';
import { ListStatus } from '@/components/ui/list-status';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { KpiPartLinks, KpiRecordPager, KpiRecordTable, recordRangeSummary } from '@/components/kpis/kpi-records';
import { bucketName, describeKpiScope, kpiDashboardHref, kpiRecordsHref, recordPartLabel } from '@/components/kpis/kpi-view';

type Props = {
  params: Promise<{ kpi: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

function isKpiId(value: string): value is KpiId {
  return (KPI_IDS as readonly string[]).includes(value);
}

export async function generateMetadata({ params }: Readonly<Pick<Props, 'params'>>): Promise<Metadata> {
  const { kpi } = await params;
  return { title: isKpiId(kpi) ? `${KPI_DEFINITIONS[kpi].title}: records` : 'KPI records' };
}

const single = (value: string | string[] | undefined) => [value].flat()[0]?.trim() || undefined;
// A non-number is passed on as NaN, so the records query names it as a problem like any bad value.
const integer = (value: string | undefined) => (value === undefined ? undefined : /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN);

/** The records behind one figure of the KPI dashboard: the same period and filters, one part, one bucket or all. */
export default async function KpiRecordsPage({ params, searchParams }: Readonly<Props>) {
  await requireUser();
  const [{ kpi }, query] = await Promise.all([params, searchParams]);
  if (!isKpiId(kpi)) notFound();
  const { title } = KPI_DEFINITIONS[kpi];
  const resolved = await resolveKpiScope(query, new Date());
  if (!resolved.success) {
    return (
      <>
        <PageHeader title={`${title}: records`} />
        <ListStatus problems={Object.values(resolved.fieldErrors).flat()} summary="These records cannot be listed until the period and filters are corrected." />
        <Link href="/kpis" className={LINK}>Open the KPI dashboard</Link>
      </>
    );
  }
  const { scope } = resolved;
  const part = single(query.part) ?? KPI_RECORD_PARTS[kpi][0]!;
  const bucket = integer(single(query.bucket)) ?? null;
  let page: KpiRecordPage | null = null;
  let problems: string[] = [];
  try {
    page = await listKpiRecords(scope, kpi, { part, bucket, page: integer(single(query.page)) ?? 1 });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problems = Object.values(error.fieldErrors ?? {}).flat().filter((problem) => problem !== undefined);
    if (problems.length === 0) problems = [error.message];
  }
  const dashboardHref = kpiDashboardHref(scope.query);
  const bucketLabel = page?.bucket === null || page?.bucket === undefined ? null : scope.buckets[page.bucket]?.label;
  const scopeWords = describeKpiScope({ ...scope.query, timeZone: scope.policy.timeZone, team: scope.team, service: scope.service, changeClass: scope.changeClass });
  const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
  const heading = page ? `${recordPartLabel(kpi, page.part)} (${page.total})` : 'Records';
  return (
    <>
      <p className="mb-2 text-sm"><Link href={dashboardHref} className={LINK}>← Back to the KPI dashboard</Link></p>
      <PageHeader
        title={heading}
        description={(
          <>
            {title}, {scopeWords}.
            {bucketLabel ? <> {bucketName(bucketLabel, scope.query.granularity)} only (<Link href={kpiRecordsHref(scope.query, kpi, { part })} className={LINK}>show the whole period</Link>).</> : null}
          </>
        )}
      />
      <KpiPartLinks query={scope.query} kpi={kpi} part={page?.part ?? part} bucket={page?.bucket ?? null} />
      {page ? (
        <>
          <ListStatus problems={[]} summary={recordRangeSummary(kpi, { total: page.total, page: page.page, pageSize: page.pageSize, shown: page.records.length })} />
          {page.records.length > 0 ? <KpiRecordTable kpi={kpi} records={page.records} caption={heading} timeZone={scope.policy.timeZone} /> : null}
          <KpiRecordPager
            page={page.page}
            pages={pages}
            previousHref={page.page > 1 ? kpiRecordsHref(scope.query, kpi, { part: page.part, bucket: page.bucket, page: Math.min(page.page - 1, pages) }) : undefined}
            nextHref={page.page < pages ? kpiRecordsHref(scope.query, kpi, { part: page.part, bucket: page.bucket, page: page.page + 1 }) : undefined}
          />
        </>
      ) : (
        <ListStatus problems={problems} summary="Choose one of the lists above." />
      )}
    </>
  );
}
