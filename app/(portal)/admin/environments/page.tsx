import type { Metadata } from 'next';
import Link from 'next/link';
import { listEnvironments } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { DataTable } from '@/components/admin/data-table';
import { environmentFields } from '@/components/admin/fields';
import { requireAdmin } from '../admin-page';
import { createEnvironmentAction } from './actions';

export const metadata: Metadata = { title: 'Environments' };

export default async function EnvironmentsPage() {
  await requireAdmin();
  const environments = await listEnvironments();
  return (
    <>
      <PageHeader title="Environments" description="Where changes deploy. In a gated environment the deploy gate enforces freeze rules and approvals. Choose a name to edit one." />
      <DataTable
        caption="Environments, production first"
        rows={environments}
        rowKey={(environment) => environment.id}
        empty="No environments yet."
        columns={[
          { header: 'Name', cell: (environment) => <Link href={`/admin/environments/${environment.id}`} className={LINK}>{environment.name}</Link> },
          { header: 'Slug', cell: (environment) => <code>{environment.slug}</code> },
          { header: 'Production', cell: (environment) => (environment.isProduction ? 'Yes' : 'No') },
          { header: 'Gated', cell: (environment) => (environment.isGated ? 'Yes: freezes and approvals enforced' : 'No') },
        ]}
      />
      <section aria-labelledby="new-environment" className="mt-8">
        <h2 id="new-environment" className="mb-3 text-lg font-semibold">New environment</h2>
        <AdminForm action={createEnvironmentAction} idPrefix="new-environment" fields={environmentFields()} submitLabel="Create environment" />
      </section>
    </>
  );
}
