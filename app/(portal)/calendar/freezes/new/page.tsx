import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { freezeScopeOptions } from '@/lib/server/calendar/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { DeclaredFreezeForm } from '@/components/calendar/declared-freeze-form';
import { createDeclaredFreezeAction } from './actions';

export const metadata: Metadata = { title: 'Declare a freeze' };

export default async function NewDeclaredFreezePage() {
  const user = await requireUser();
  if (!canEditFreezeCalendar(user)) notFound();
  const [options, policy] = await Promise.all([freezeScopeOptions(), currentPolicySettings()]);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/calendar/freezes" className={LINK}>All declared freezes</Link></p>
      <PageHeader title="Declare a freeze" description="Only emergency changes deploy during it. A freeze must end, at most 366 days after it starts." />
      <DeclaredFreezeForm action={createDeclaredFreezeAction} {...options} initial={{}} submitLabel="Declare freeze" timeZone={policy.timeZone} />
    </>
  );
}
