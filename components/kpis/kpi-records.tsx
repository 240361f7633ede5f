import Link from 'next/link';
import { CHANGE_CLASS_INFO, type ChangeClass } from '@/lib/policy/change-class';
import { KPI_RECORD_PARTS, type KpiId } from '@/lib/policy/kpis';
import type { KpiQuery } from '@/lib/schemas/kpi-query';
import { ListTable } from '@/components/ui/list-table';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { Time } from '@/components/ui/time';
import { kpiRecordsHref, recordPartLabel } from '@/components/kpis/kpi-view';

export type KpiRecordView = { id: string; reference: string; title: string; href: string; at: Date | null; changeClass: ChangeClass | null; detail: string };

/** What places each KPI's records in the period, and the order they come in. */
const WHEN: Record<KpiId, { column: string; order: string }> = {
  'change-failure-rate': { column: 'First production deploy', order: 'latest first' },
  'unauthorized-changes': { column: 'When', order: 'latest first' },
  'stale-flags': { column: 'Counted at', order: 'longest expired first' },
  'migration-rollback-rate': { column: 'Executed', order: 'latest first' },
  'lead-time': { column: 'Reached production', order: 'longest lead time first' },
};

/** The parts of a KPI's records as tabs (links): the numerator, the whole set, or one kind or class. */
export function KpiPartLinks({ query, kpi, part, bucket }: Readonly<{ query: KpiQuery; kpi: KpiId; part: string; bucket: number | null }>) {
  const parts = KPI_RECORD_PARTS[kpi];
  if (parts.length < 2) return null;
  return (
    <nav aria-label="Which records" className="mb-4">
      <ul className="flex flex-wrap gap-1 border-b border-slate-200">
        {parts.map((each) => {
          const isCurrent = each === part;
          return (
            <li key={each}>
              <Link
                href={kpiRecordsHref(query, kpi, { part: each, bucket })}
                aria-current={isCurrent ? 'page' : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 text-sm font-medium ${isCurrent ? 'border-indigo-700 text-slate-900' : 'border-transparent text-indigo-700 hover:border-slate-300'}`}
              >
                {recordPartLabel(kpi, each)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** "Records 51–100 of 120, latest first." */
export function recordRangeSummary(kpi: KpiId, { total, page, pageSize, shown }: Readonly<{ total: number; page: number; pageSize: number; shown: number }>): string {
  if (total === 0) return 'No records: nothing counts here.';
  if (shown === 0) return `No records on page ${page}; there ${total === 1 ? 'is 1 record' : `are ${total} records`} in all.`;
  const first = (page - 1) * pageSize + 1;
  return `Records ${first}–${first + shown - 1} of ${total}, ${WHEN[kpi].order}.`;
}

/** The records behind a figure, each linked to its own page. */
export function KpiRecordTable({ kpi, records, caption, timeZone }: Readonly<{ kpi: KpiId; records: readonly KpiRecordView[]; caption: string; timeZone: string }>) {
  return (
    <ListTable caption={caption} columns={['Record', 'Title', 'Class', WHEN[kpi].column, 'Why it counts']} isTopAligned>
      {records.map((record) => (
        <tr key={record.id}>
          <td className="whitespace-nowrap px-4 py-2"><Link href={record.href} className={`${LINK} font-mono`}>{record.reference}</Link></td>
          <td className="px-4 py-2">{record.title}</td>
          <td className="px-4 py-2">{record.changeClass ? CHANGE_CLASS_INFO[record.changeClass].label : '—'}</td>
          <td className="whitespace-nowrap px-4 py-2">{record.at ? <Time at={record.at} timeZone={timeZone} /> : '—'}</td>
          <td className="px-4 py-2">{record.detail}</td>
        </tr>
      ))}
    </ListTable>
  );
}

/** Numbered paging of a drill-down (its records come worst or latest first, so "newer/older" would mislead); also a way back from a page past the end. */
export function KpiRecordPager({ previousHref, nextHref, page, pages }: Readonly<{ previousHref?: string; nextHref?: string; page: number; pages: number }>) {
  if (pages <= 1 && page <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex items-center gap-3">
      {previousHref ? <Link href={previousHref} className={BUTTON_SECONDARY}>Previous page</Link> : null}
      <span className="text-sm text-slate-700">Page {page} of {pages}</span>
      {nextHref ? <Link href={nextHref} className={BUTTON_SECONDARY}>Next page</Link> : null}
    </nav>
  );
}
