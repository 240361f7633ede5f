import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { AUDIT_FILTER_PARAMS, parseAuditListQuery } from '@/lib/schemas/audit-list-query';
import { listAuditEvents } from '@/lib/server/audit-events/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { ListTable } from '@/components/ui/list-table';
import { listHref, Pager } from '@/components/ui/pager';
import { AuditFilterForm } from '@/components/audit/audit-filter-form';

export const metadata: Metadata = { title: 'Audit trail' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const COLUMNS = ['#', 'When', 'Action', 'Entity', 'Actor', 'Details'];

export default async function AuditPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  if (!canReadAuditTrail(user)) notFound();
  const [params, policy] = await Promise.all([searchParams, currentPolicySettings()]);
  const query = parseAuditListQuery(params, policy.timeZone);
  const { items, nextBeforeSeq, isActorUnknown } = await listAuditEvents({
    action: query.action, entityType: query.entityType, entityId: query.entityId, actorEmail: query.actorEmail, from: query.from, to: query.to, beforeSeq: query.beforeSeq,
  });
  const href = (position?: readonly [string, string]) => listHref('/audit', AUDIT_FILTER_PARAMS, query.values, position);
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every state change and every refused attempt, in order. Events are append-only and hash-chained."
        actions={(
          <div className="flex gap-2">
            <Link href="/audit/evidence" className={BUTTON_SECONDARY}>Export evidence</Link>
            <Link href="/audit/verify" className={BUTTON_SECONDARY}>Verify the chain</Link>
          </div>
        )}
      />
      <AuditFilterForm values={query.values} timeZoneLabel={policy.timeZone} />
      {query.problems.length > 0 || isActorUnknown ? (
        <ul role="status" className="mb-4 list-disc pl-5 text-sm text-amber-900">
          {query.problems.map((problem) => <li key={problem}>{problem}</li>)}
          {isActorUnknown ? <li>No user has the email {query.actorEmail}.</li> : null}
        </ul>
      ) : null}
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
      <Pager newestHref={query.beforeSeq ? href() : undefined} olderHref={nextBeforeSeq ? href(['before', nextBeforeSeq.toString()]) : undefined} />
    </>
  );
}
