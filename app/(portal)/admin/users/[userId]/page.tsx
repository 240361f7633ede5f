import type { Metadata } from 'next';
import Link from 'next/link';
import { findUser } from '@/lib/server/admin/queries';
import { listTeams } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { userFields } from '@/components/admin/fields';
import { findOrNotFound, requireAdmin } from '../../admin-page';
import { updateUserAction } from './actions';

export const metadata: Metadata = { title: 'Edit user' };

type Props = { params: Promise<{ userId: string }> };

export default async function EditUserPage({ params }: Readonly<Props>) {
  await requireAdmin();
  const user = await findOrNotFound((await params).userId, findUser);
  const teams = await listTeams();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/users" className={LINK}>All users</Link></p>
      <PageHeader title={`Edit ${user.name ?? user.email}`} description={user.email} />
      <AdminForm
        action={updateUserAction}
        idPrefix="user"
        resetKey={user.version}
        hidden={{ userId: user.id, expectedVersion: user.version }}
        fields={userFields(user, teams)}
        submitLabel="Save user"
      />
    </>
  );
}
