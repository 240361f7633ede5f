import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { changeReference, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { encodeCursor, FILTER_PARAMS, parseChangeListQuery, type ChangeCursor, type ChangeListQuery } from '@/lib/schemas/change-list-query';
import { changeFilterOptions, listChanges } from '@/lib/server/change-requests/list-changes';
import { listEmergencyAttention } from '@/lib/server/change-requests/emergency-attention';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_PRIMARY, LINK } from '@/components/ui/styles';
import { ListStatus, listSummary } from '@/components/ui/list-status';
import { ListTable } from '@/components/ui/list-table';
import { listHref, Pager } from '@/components/ui/pager';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { ChangeFilters } from '@/components/changes/change-filters';
import { EmergencyAttention } from '@/components/changes/emergency-attention';

export const metadata: Metadata = { title: 'Change requests' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list URL with the current filters and a page position. */
function pageHref(values: ChangeListQuery['values'], direction: 'before' | 'after', cursor: ChangeCursor): string {
  return listHref('/changes', FILTER_PARAMS, values, [direction, encodeCursor(cursor)]);
}

const SUMMARY_WORDS = { one: 'change request', many: 'change requests', noMatch: 'No change requests match these filters.', none: 'No change requests here.' };
const COLUMNS = ['Reference', 'Title', 'Class', 'Status', 'Team', 'Services', 'Author', 'Filed'];

export default async function ChangesPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const [params, policy, options] = await Promise.all([searchParams, currentPolicySettings(), changeFilterOptions()]);
  const { filter, page, values, problems } = parseChangeListQuery(params, policy.timeZone);
  const [{ items, older, newer }, attention] = await Promise.all([listChanges(user, filter, page), listEmergencyAttention(new Date())]);
  const isFiltered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader
        title="Change requests"
        description="Every proposed production change, its class (CTRL-012.1) and where it stands."
        actions={canFileChange(user) ? <Link href="/changes/new" className={BUTTON_PRIMARY}>New change request</Link> : null}
      />
      <EmergencyAttention items={attention} timeZone={policy.timeZone} />
      <ChangeFilters values={values} {...options} timeZone={policy.timeZone} />
      <ListStatus problems={problems} summary={listSummary(items.length, isFiltered, SUMMARY_WORDS)} />
      {items.length > 0 ? (
        <ListTable caption="Change requests, newest first" columns={COLUMNS}>
          {items.map((change) => (
            <tr key={change.id}>
              <td className="whitespace-nowrap px-4 py-2 font-mono">{changeReference(change.number)}</td>
              <td className="px-4 py-2"><Link href={`/changes/${change.id}`} className={LINK}>{change.title}</Link></td>
              <td className="px-4 py-2">{CHANGE_CLASS_INFO[change.changeClass].label}</td>
              <td className="px-4 py-2"><ChangeStatusBadge status={change.status} /></td>
              <td className="px-4 py-2">{change.team.name}</td>
              <td className="px-4 py-2">{change.services.map(({ service }) => service.name).join(', ')}</td>
              <td className="px-4 py-2">{change.author.name ?? change.author.email}</td>
              <td className="whitespace-nowrap px-4 py-2"><Time at={change.createdAt} timeZone={policy.timeZone} /></td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <Pager newerHref={newer ? pageHref(values, 'after', newer) : undefined} olderHref={older ? pageHref(values, 'before', older) : undefined} />
    </>
  );
}
