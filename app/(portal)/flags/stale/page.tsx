import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { parseStaleFlagFilter, STALE_FLAG_FILTER_PARAMS } from '@/lib/schemas/flag-discipline';
import { describeStaleCount, staleFlagFilterOptions, staleFlagReport } from '@/lib/server/flags/stale-flags';
import { Badge } from '@/components/ui/badge';
import { FilterForm, FilterSelect } from '@/components/ui/filter-form';
import { ListStatus } from '@/components/ui/list-status';
import { ListTable } from '@/components/ui/list-table';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { Time } from '@/components/ui/time';

export const metadata: Metadata = { title: 'Stale flags' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function days(count: number): string {
  return `${count} day${count === 1 ? '' : 's'}`;
}

export default async function StaleFlagsPage({ searchParams }: Readonly<Props>) {
  await requireUser();
  const { filter, problems } = parseStaleFlagFilter(await searchParams);
  const at = new Date();
  const [report, options] = await Promise.all([staleFlagReport(at, filter), staleFlagFilterOptions()]);
  const isFiltered = Object.keys(filter).length > 0;
  // The exports carry the filters shown, so a download matches the table.
  const exportQuery = new URLSearchParams(STALE_FLAG_FILTER_PARAMS.flatMap((name) => (filter[name] ? [[name, filter[name]]] : []))).toString();
  const summary = report.flags.length === 0
    ? (isFiltered ? 'No stale flags match these filters.' : 'No stale flags.')
    : `${report.flags.length} stale flag${report.flags.length === 1 ? '' : 's'}${isFiltered ? ' matching the filters' : ''}, longest stale first.`;
  return (
    <>
      <PageHeader
        title="Stale flags"
        description={<>Active flags past their TTL or extension (CTRL-012.4), under policy settings version {report.policyVersion}. The <Link href="/flags/audits" className={LINK}>monthly audit</Link> removes them or extends them with a reason.</>}
        actions={(
          <>
            <a href={`/flags/stale/export.csv?${exportQuery}`} className={BUTTON_SECONDARY} download>Export CSV</a>
            <a href={`/flags/stale/export.md?${exportQuery}`} className={BUTTON_SECONDARY} download>Export Markdown</a>
          </>
        )}
      />
      <section aria-labelledby="stale-target" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="stale-target" className="text-lg font-semibold">Stale flags against the target</h2>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          <Badge tone={report.isMet ? 'good' : 'bad'}>{report.isMet ? 'Target met' : 'Target missed'}</Badge>
          <span>{describeStaleCount(report.count)}, as of <Time at={report.at} timeZone={report.timeZone} />.</span>
        </p>
      </section>
      <FilterForm action="/flags/stale" label="Filter stale flags" values={filter} isInline>
        <FilterSelect name="teamId" label="Team" value={filter.teamId} options={options.teams} />
        <FilterSelect name="ownerId" label="Owner" value={filter.ownerId} options={options.owners} />
      </FilterForm>
      <ListStatus problems={problems} summary={summary} />
      {report.flags.length > 0 ? (
        <ListTable caption="Stale flags, longest stale first" columns={['Flag', 'Type', 'Team', 'Owner', 'Expired', 'Stale for', 'Why it expired']}>
          {report.flags.map((flag) => (
            <tr key={flag.id}>
              <td className="px-4 py-2 font-mono">{flag.key}</td>
              <td className="px-4 py-2">{FLAG_TYPE_LABEL[flag.type]}</td>
              <td className="px-4 py-2">{flag.team.name}</td>
              <td className="px-4 py-2">{flag.owner.name ?? flag.owner.email}</td>
              <td className="whitespace-nowrap px-4 py-2"><Time at={flag.expiry} timeZone={report.timeZone} /></td>
              <td className="px-4 py-2">{days(flag.daysStale)}</td>
              <td className="px-4 py-2">{flag.isExtended ? `Extension ended (${flag.extensionReason ?? 'no reason recorded'})` : 'TTL ended'}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}
