import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { listAuditEvents } from '@/lib/server/audit-events/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';
import { ListTable } from '@/components/ui/list-table';
import { Pager } from '@/components/ui/pager';

export const metadata: Metadata = { title: 'Audit trail' };

type Props = { searchParams: Promise<{ action?: string; entityType?: string; before?: string }> };

const FILTER_TEXT = /^[a-z0-9.-]{1,60}$/;
const COLUMNS = ['#', 'When', 'Action', 'Entity', 'Actor', 'Details'];

export default async function AuditPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  if (!canReadAuditTrail(user)) notFound();
  const params = await searchParams;
  const action = params.action && FILTER_TEXT.test(params.action) ? params.action : undefined;
  const entityType = params.entityType && FILTER_TEXT.test(params.entityType) ? params.entityType : undefined;
  const beforeSeq = params.before && /^\d{1,18}$/.test(params.before) ? BigInt(params.before) : undefined;
  const [{ items, nextBeforeSeq }, policy] = await Promise.all([listAuditEvents({ action, entityType, beforeSeq }), currentPolicySettings()]);
  const query = (extra: Record<string, string>) => new URLSearchParams({ ...(action ? { action } : {}), ...(entityType ? { entityType } : {}), ...extra }).toString();
  return (
    <>
      <PageHeader title="Audit trail" description="Every state change and every refused attempt, in order. Events are append-only and hash-chained." />
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter events">
        <div>
          <label htmlFor="action" className="block text-sm font-medium">Action starts with</label>
          <input id="action" name="action" defaultValue={action} placeholder="change." className={INPUT} />
        </div>
        <div>
          <label htmlFor="entityType" className="block text-sm font-medium">Entity type</label>
          <input id="entityType" name="entityType" defaultValue={entityType} placeholder="change" className={INPUT} />
        </div>
        <button type="submit" className={BUTTON_SECONDARY}>Filter</button>
      </form>
      <ListTable caption="Audit events, newest first" columns={COLUMNS} isTopAligned>
        {items.map((event) => (
          <tr key={event.seq.toString()}>
            <td className="px-4 py-2 font-mono">{event.seq.toString()}</td>
            <td className="whitespace-nowrap px-4 py-2"><Time at={event.at} timeZone={policy.timeZone} /></td>
            <td className="px-4 py-2 font-mono">{event.action}</td>
            <td className="px-4 py-2">{event.entityType}{event.entityId ? <span className="block font-mono text-xs text-slate-600">{event.entityId}</span> : null}</td>
            <td className="px-4 py-2">{event.actorName ?? (event.tokenId ? 'Service token' : 'System')}</td>
            <td className="max-w-md px-4 py-2"><pre className="overflow-x-auto whitespace-pre-wrap break-all text-xs">{JSON.stringify(event.changeSet)}</pre></td>
          </tr>
        ))}
      </ListTable>
      {items.length === 0 ? <p className="mt-4 text-slate-600">No events match.</p> : null}
      <Pager newestHref={beforeSeq ? `/audit?${query({})}` : undefined} olderHref={nextBeforeSeq ? `/audit?${query({ before: nextBeforeSeq.toString() })}` : undefined} />
    </>
  );
}
