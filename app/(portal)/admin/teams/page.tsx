import type { Metadata } from 'next';
import Link from 'next/link';
import { listTeams } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { DataTable } from '@/components/admin/data-table';
import { teamFields } from '@/components/admin/fields';
import { requireAdmin } from '../admin-page';
import { createTeamAction } from './actions';

export const metadata: Metadata = { title: 'Teams' };

export default async function TeamsPage() {
  await requireAdmin();
  const teams = await listTeams();
  return (
    <>
      <PageHeader title="Teams" description="Choose a name to rename a team. A team's slug never changes: its flag keys start with it (CTRL-012.4)." />
      <DataTable
        caption="Teams by name"
        rows={teams}
        rowKey={(team) => team.id}
        empty="No teams yet."
        columns={[
          { header: 'Name', cell: (team) => <Link href={`/admin/teams/${team.id}`} className={LINK}>{team.name}</Link> },
          { header: 'Slug', cell: (team) => <code>{team.slug}</code> },
          { header: 'Members', cell: (team) => team._count.members },
          { header: 'Services', cell: (team) => team._count.services },
        ]}
      />
      <section aria-labelledby="new-team" className="mt-8">
        <h2 id="new-team" className="mb-3 text-lg font-semibold">New team</h2>
        <AdminForm action={createTeamAction} idPrefix="new-team" fields={teamFields()} submitLabel="Create team" />
      </section>
    </>
  );
}
