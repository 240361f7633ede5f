import type { Metadata } from 'next';
import Link from 'next/link';
import { findEnvironment } from '@/lib/server/admin/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { environmentFields } from '@/components/admin/fields';
import { findOrNotFound, requireAdmin } from '../../admin-page';
import { updateEnvironmentAction } from './actions';

export const metadata: Metadata = { title: 'Edit environment' };

type Props = { params: Promise<{ environmentId: string }> };

export default async function EditEnvironmentPage({ params }: Readonly<Props>) {
  await requireAdmin();
  const environment = await findOrNotFound((await params).environmentId, findEnvironment);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/environments" className={LINK}>All environments</Link></p>
      <PageHeader title={`Edit ${environment.name}`} />
      <AdminForm
        action={updateEnvironmentAction}
        idPrefix="environment"
        resetKey={environment.version}
        hidden={{ environmentId: environment.id, expectedVersion: environment.version }}
        fields={environmentFields(environment)}
        submitLabel="Save environment"
      />
    </>
  );
}
