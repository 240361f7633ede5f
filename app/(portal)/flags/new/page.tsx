import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { creatableTeams, flagFormOptions } from '@/lib/server/flags/queries';
import { PageHeader } from '@/components/ui/page-header';
import { FlagForm } from '@/components/flags/flag-form';
import { flagFormChoices } from '../flag-form-choices';
import { createFlagAction } from './actions';

export const metadata: Metadata = { title: 'New flag' };

export default async function NewFlagPage() {
  const user = await requireUser();
  const options = await flagFormOptions();
  const teams = creatableTeams(user, options.teams);
  if (teams.length === 0) notFound();
  const choices = flagFormChoices({ ...options, teams });
  const ownTeam = teams.find((team) => team.id === user.teamId) ?? teams[0]!;
  return (
    <>
      <PageHeader title="New flag" description="Adds a flag to the inventory. The key is checked against the naming convention before anything is saved (CTRL-012.4)." />
      <FlagForm
        action={createFlagAction}
        {...choices}
        initial={{ key: `${ownTeam.slug}-`, teamId: ownTeam.id, type: '', ownerId: user.id, purpose: '', featureId: '', rolloutPercent: '0' }}
        submitLabel="Create flag"
      />
    </>
  );
}
