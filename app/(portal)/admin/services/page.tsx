import type { Metadata } from 'next';
import Link from 'next/link';
import { listServices, listTeams } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { DataTable } from '@/components/admin/data-table';
import { serviceFields } from '@/components/admin/fields';
import { requireAdmin } from '../admin-page';
import { createServiceAction } from './actions';

export const metadata: Metadata = { title: 'Services' };

export default async function ServicesPage() {
  await requireAdmin();
  const [services, teams] = await Promise.all([listServices(), listTeams()]);
  return (
    <>
      <PageHeader title="Services" description="What change requests touch. Choose a name to edit a service." />
      <DataTable
        caption="Services by name"
        rows={services}
        rowKey={(service) => service.id}
        empty="No services yet."
        columns={[
          { header: 'Name', cell: (service) => <Link href={`/admin/services/${service.id}`} className={LINK}>{service.name}</Link> },
          { header: 'Slug', cell: (service) => <code>{service.slug}</code> },
          { header: 'Owning team', cell: (service) => service.team.name },
        ]}
      />
      <section aria-labelledby="new-service" className="mt-8">
        <h2 id="new-service" className="mb-3 text-lg font-semibold">New service</h2>
        <AdminForm action={createServiceAction} idPrefix="new-service" fields={serviceFields(teams)} submitLabel="Create service" />
      </section>
    </>
  );
}
