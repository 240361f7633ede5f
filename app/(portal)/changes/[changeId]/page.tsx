import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { changeReference, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { DomainError } from '@/lib/server/errors';
import { getChange, type ChangeDetail } from '@/lib/server/change-requests/queries';
import { listEntityEvents } from '@/lib/server/audit-events/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { AuditTimeline } from '@/components/audit/audit-timeline';

export const metadata: Metadata = { title: 'Change request' };

type Props = { params: Promise<{ changeId: string }> };

async function findChange(changeId: string): Promise<ChangeDetail> {
  const user = await requireUser();
  if (!z.uuid().safeParse(changeId).success) notFound();
  try {
    return await getChange(user, changeId);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function ChangePage({ params }: Readonly<Props>) {
  const { changeId } = await params;
  const change = await findChange(changeId);
  const [events, policy] = await Promise.all([listEntityEvents('change', change.id), currentPolicySettings()]);
  return (
    <>
      <PageHeader title={`${changeReference(change.number)}: ${change.title}`} description={<ChangeStatusBadge status={change.status} />} />
      <div className="grid gap-8 lg:grid-cols-3">
        <section aria-labelledby="details" className="space-y-4 lg:col-span-2">
          <h2 id="details" className="text-lg font-semibold">Details</h2>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
            <div><dt className="text-slate-600">Class</dt><dd className="font-medium">{CHANGE_CLASS_INFO[change.changeClass].label} — needs {CHANGE_CLASS_INFO[change.changeClass].approval}</dd></div>
            <div><dt className="text-slate-600">Risk</dt><dd className="font-medium capitalize">{change.risk}</dd></div>
            <div><dt className="text-slate-600">Team</dt><dd className="font-medium">{change.team.name}</dd></div>
            <div><dt className="text-slate-600">Services</dt><dd className="font-medium">{change.services.map(({ service }) => service.name).join(', ')}</dd></div>
            <div><dt className="text-slate-600">Author</dt><dd className="font-medium">{change.author.name ?? change.author.email}</dd></div>
            <div><dt className="text-slate-600">Filed</dt><dd className="font-medium"><Time at={change.createdAt} timeZone={policy.timeZone} /></dd></div>
            <div><dt className="text-slate-600">Content version</dt><dd className="font-medium">v{change.contentVersion}</dd></div>
          </dl>
          <h2 className="text-lg font-semibold">Description</h2>
          <p className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{change.description || 'No description.'}</p>
        </section>
        <section aria-labelledby="timeline">
          <h2 id="timeline" className="mb-3 text-lg font-semibold">Timeline</h2>
          <AuditTimeline events={events} timeZone={policy.timeZone} />
        </section>
      </div>
    </>
  );
}
