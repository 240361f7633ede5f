import type { Metadata } from 'next';
import Link from 'next/link';
import { findTeam } from '@/lib/server/admin/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { teamFields } from '@/components/admin/fields';
import { findOrNotFound, requireAdmin } from '../../admin-page';
import { updateTeamAction } from './actions';

export const metadata: Metadata = { title: 'Edit team' };

type Props = { params: Promise<{ teamId: string }> };

export default async function EditTeamPage({ params }: Readonly<Props>) {
  await requireAdmin();
  const team = await findOrNotFound((await params).teamId, findTeam);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/teams" className={LINK}>All teams</Link></p>
      <PageHeader title={`Edit ${team.name}`} description={<>Slug <code>{team.slug}</code> (fixed: the team&apos;s flag keys start with it).</>} />
      <AdminForm action={updateTeamAction} idPrefix="team" resetKey={team.version} hidden={{ teamId: team.id, expectedVersion: team.version }} fields={teamFields(team)} submitLabel="Save team" />
    </>
  );
}
