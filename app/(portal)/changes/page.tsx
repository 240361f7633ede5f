import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { changeReference, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { listChanges } from '@/lib/server/change-requests/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';

export const metadata: Metadata = { title: 'Change requests' };

type Props = { searchParams: Promise<{ before?: string }> };

export default async function ChangesPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const { before } = await searchParams;
  const beforeNumber = before && /^\d{1,9}$/.test(before) ? Number(before) : undefined;
  const [{ items, nextBeforeNumber }, policy] = await Promise.all([listChanges(user, { beforeNumber }), currentPolicySettings()]);
  return (
    <>
      <PageHeader
        title="Change requests"
        description="Every proposed production change, its class (CTRL-012.1) and where it stands."
        actions={canFileChange(user) ? <Link href="/changes/new" className={BUTTON_PRIMARY}>New change request</Link> : null}
      />
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No change requests yet.</p>
      ) : (
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
      )}
      <nav aria-label="Pages" className="mt-4 flex gap-2">
        {beforeNumber ? <Link href="/changes" className={BUTTON_SECONDARY}>Newest</Link> : null}
        {nextBeforeNumber ? <Link href={`/changes?before=${nextBeforeNumber}`} className={BUTTON_SECONDARY}>Older</Link> : null}
      </nav>
    </>
  );
}
