import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { listServices, listTeams } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ChangeRequestForm } from '@/components/changes/change-request-form';
import { createChangeRequestAction } from './actions';

export const metadata: Metadata = { title: 'New change request' };

export default async function NewChangePage() {
  const user = await requireUser();
  if (!canFileChange(user)) notFound();
  const [teams, services] = await Promise.all([listTeams(), listServices()]);
  return (
    <>
      <PageHeader title="New change request" description="Saved as a draft: only you and your team see it until it is submitted for approval." />
      <ChangeRequestForm
        action={createChangeRequestAction}
        teams={teams}
        services={services.map((service) => ({ id: service.id, name: service.name, teamName: service.team.name }))}
        defaultTeamId={user.teamId}
      />
    </>
  );
}
