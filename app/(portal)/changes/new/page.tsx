import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { changeFormOptions } from '@/lib/server/change-requests/form-options';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ChangeRequestForm } from '@/components/changes/change-request-form';
import { createChangeRequestAction } from './actions';

export const metadata: Metadata = { title: 'New change request' };

export default async function NewChangePage() {
  const user = await requireUser();
  if (!canFileChange(user)) notFound();
  const [options, policy] = await Promise.all([changeFormOptions(new Date()), currentPolicySettings()]);
  const production = options.environments.filter((environment) => environment.name === 'Production').map((environment) => environment.id);
  return (
    <>
      <PageHeader title="New change request" description="Saved as a draft: only you and your team see it until it is submitted for approval." />
      <ChangeRequestForm
        action={createChangeRequestAction}
        {...options}
        people={options.people.filter((person) => person.id !== user.id)}
        initial={{ teamId: user.teamId ?? undefined, environmentIds: production }}
        submitLabel="Save draft"
        timeZone={policy.timeZone}
      />
    </>
  );
}
