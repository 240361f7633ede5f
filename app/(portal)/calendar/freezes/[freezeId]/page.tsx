import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { findDeclaredFreeze, freezeScopeOptions } from '@/lib/server/calendar/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { isoToLocalInput } from '@/lib/time/local-input';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { DeclaredFreezeForm } from '@/components/calendar/declared-freeze-form';
import { ConfirmDeleteForm } from '@/components/calendar/confirm-delete-form';
import { findOrNotFound } from '../../../admin/admin-page';
import { deleteDeclaredFreezeAction, updateDeclaredFreezeAction } from './actions';

export const metadata: Metadata = { title: 'Edit freeze' };

type Props = { params: Promise<{ freezeId: string }> };

export default async function EditDeclaredFreezePage({ params }: Readonly<Props>) {
  const user = await requireUser();
  // Readers see every freeze on the list; this page is the editor's only.
  if (!canEditFreezeCalendar(user)) notFound();
  const freeze = await findOrNotFound((await params).freezeId, findDeclaredFreeze);
  const [options, policy] = await Promise.all([freezeScopeOptions(), currentPolicySettings()]);
  const initial = {
    reason: freeze.reason,
    startsAt: isoToLocalInput(freeze.startsAt, policy.timeZone),
    endsAt: isoToLocalInput(freeze.endsAt, policy.timeZone),
    serviceIds: freeze.services.map((service) => service.id),
    environmentIds: freeze.environments.map((environment) => environment.id),
  };
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/calendar/freezes" className={LINK}>All declared freezes</Link></p>
      <PageHeader title="Edit freeze" description={freeze.reason} />
      <DeclaredFreezeForm
        key={freeze.version}
        action={updateDeclaredFreezeAction}
        {...options}
        initial={initial}
        editing={{ freezeId: freeze.id, version: freeze.version }}
        submitLabel="Save freeze"
        timeZone={policy.timeZone}
      />
      <ConfirmDeleteForm
        action={deleteDeclaredFreezeAction}
        hidden={{ freezeId: freeze.id, expectedVersion: freeze.version }}
        summary="Delete this freeze"
        explanation="Deploys are no longer held by it. The audit trail keeps a record of the freeze."
        confirmLabel="Delete freeze"
      />
    </>
  );
}
