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
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { ChangeFilters } from '@/components/changes/change-filters';
import { EmergencyAttention } from '@/components/changes/emergency-attention';

export const metadata: Metadata = { title: 'Change requests' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list URL with the current filters and a page position. */
function pageHref(values: ChangeListQuery['values'], direction: 'before' | 'after', cursor: ChangeCursor): string {
  const params = new URLSearchParams();
  for (const name of FILTER_PARAMS) if (values[name]) params.set(name, values[name]);
  params.set(direction, encodeCursor(cursor));
  return `/changes?${params}`;
}

function summary(count: number, isFiltered: boolean): string {
  if (count === 0) return isFiltered ? 'No change requests match these filters.' : 'No change requests here.';
  return `${count} change request${count === 1 ? '' : 's'}${isFiltered ? ' matching the filters' : ''} on this page, newest first.`;
}

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
      <div role="status" className="mb-3 space-y-2 text-sm">
        {problems.length > 0 ? (
          <ul className="list-inside list-disc rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            {problems.map((problem) => <li key={problem}>{problem}</li>)}
          </ul>
        ) : null}
        <p className="text-slate-700">{summary(items.length, isFiltered)}</p>
      </div>
      {items.length > 0 ? (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Change requests, newest first</caption>
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Reference</th>
                <th scope="col" className="px-4 py-2 font-medium">Title</th>
                <th scope="col" className="px-4 py-2 font-medium">Class</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Team</th>
                <th scope="col" className="px-4 py-2 font-medium">Services</th>
                <th scope="col" className="px-4 py-2 font-medium">Author</th>
                <th scope="col" className="px-4 py-2 font-medium">Filed</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
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
            </tbody>
          </table>
        </div>
      ) : null}
      {/* Count-free paging: each link carries the position of the row it continues from. */}
      <nav aria-label="Pages" className="mt-4 flex gap-2">
        {newer ? <Link href={pageHref(values, 'after', newer)} className={BUTTON_SECONDARY}>Newer</Link> : null}
        {older ? <Link href={pageHref(values, 'before', older)} className={BUTTON_SECONDARY}>Older</Link> : null}
      </nav>
    </>
  );
}
