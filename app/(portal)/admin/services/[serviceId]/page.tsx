import type { Metadata } from 'next';
import Link from 'next/link';
import { findService } from '@/lib/server/admin/queries';
import { listTeams } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { serviceFields } from '@/components/admin/fields';
import { findOrNotFound, requireAdmin } from '../../admin-page';
import { updateServiceAction } from './actions';

export const metadata: Metadata = { title: 'Edit service' };

type Props = { params: Promise<{ serviceId: string }> };

export default async function EditServicePage({ params }: Readonly<Props>) {
  await requireAdmin();
  const service = await findOrNotFound((await params).serviceId, findService);
  const teams = await listTeams();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/services" className={LINK}>All services</Link></p>
      <PageHeader title={`Edit ${service.name}`} />
      <AdminForm action={updateServiceAction} idPrefix="service" resetKey={service.version} hidden={{ serviceId: service.id, expectedVersion: service.version }} fields={serviceFields(teams, service)} submitLabel="Save service" />
    </>
  );
}
