import type { Metadata } from 'next';
import { requireUser } from '@/lib/auth/session-user';
import {
  describeExceptionFilter, encodeExceptionCursor, EXCEPTION_FILTER_NAMES, exceptionFilterParams, parseExceptionListQuery, type ExceptionCursor, type ExceptionFilter,
} from '@/lib/schemas/exception-list-query';
import { listExceptions } from '@/lib/server/exceptions/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ListStatus } from '@/components/ui/list-status';
import { listHref, Pager } from '@/components/ui/pager';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { ExceptionFilters } from '@/components/exceptions/exception-filters';
import { ExceptionTable } from '@/components/exceptions/exception-table';

export const metadata: Metadata = { title: 'Exceptions log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A URL under the log with the filters kept and, for later pages, the position to continue from. */
function filteredHref(path: string, filter: ExceptionFilter, before?: ExceptionCursor): string {
  return listHref(path, EXCEPTION_FILTER_NAMES, exceptionFilterParams(filter), before ? ['before', encodeExceptionCursor(before)] : undefined);
}

function summary(count: number, overdue: number, filter: ExceptionFilter): string {
  const filters = describeExceptionFilter(filter).join(', ');
  if (count === 0) return filters ? `No exceptions match these filters (${filters}).` : 'No exceptions logged.';
  const overdueText = overdue > 0 ? ` ${overdue} overdue.` : '';
  return `${count} exception${count === 1 ? '' : 's'}${filters ? ` (${filters})` : ''} on this page, newest first.${overdueText}`;
}

/** POL-012's exceptions log: emergency changes, freeze overrides and other exceptions. Every signed-in user may read it. */
export default async function ExceptionsPage({ searchParams }: Readonly<Props>) {
  await requireUser();
  const [params, policy] = await Promise.all([searchParams, currentPolicySettings()]);
  const { filter, cursor, problems } = parseExceptionListQuery(params);
  const { items, next } = await listExceptions({ filter, at: new Date(), cursor, timeZone: policy.timeZone });
  const downloads = (
    <div className="flex gap-2">
      <a href={filteredHref('/exceptions/export.md', filter)} className={BUTTON_SECONDARY} download>Download Markdown</a>
      <a href={filteredHref('/exceptions/export.csv', filter)} className={BUTTON_SECONDARY} download>Download CSV</a>
    </div>
  );
  return (
    <>
      <PageHeader
        title="Exceptions log"
        description="Every departure from the normal path (POL-012 exception path): emergency changes, freeze overrides and others, with who asked, who approved, why, and by when. Downloads hold every entry the filters keep."
        actions={downloads}
      />
      <ExceptionFilters filter={filter} timeZone={policy.timeZone} />
      <ListStatus problems={problems} summary={summary(items.length, items.filter((item) => item.isOverdue).length, filter)} />
      {items.length > 0 ? <ExceptionTable entries={items} timeZone={policy.timeZone} /> : null}
      <Pager newestHref={cursor ? filteredHref('/exceptions', filter) : undefined} olderHref={next ? filteredHref('/exceptions', filter, next) : undefined} />
    </>
  );
}
