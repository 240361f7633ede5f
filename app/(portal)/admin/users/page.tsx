import type { Metadata } from 'next';
import Link from 'next/link';
import { ROLE_LABEL } from '@/lib/policy/permissions';
import { listUsers } from '@/lib/server/admin/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Badge } from '@/components/ui/badge';
import { LINK } from '@/components/ui/styles';
import { DataTable } from '@/components/admin/data-table';
import { requireAdmin } from '../admin-page';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  await requireAdmin();
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="People sign in through single sign-on; their first sign-in creates an engineer without a team. Choose a name to edit." />
      <DataTable
        caption="Users, active first, by name"
        rows={users}
        rowKey={(user) => user.id}
        empty="No users yet."
        columns={[
          { header: 'Name', cell: (user) => <Link href={`/admin/users/${user.id}`} className={LINK}>{user.name ?? user.email}</Link> },
          { header: 'Email', cell: (user) => user.email },
          { header: 'Role', cell: (user) => ROLE_LABEL[user.role] },
          { header: 'Staff+', cell: (user) => (user.isStaffPlus ? 'Yes' : 'No') },
          { header: 'Team', cell: (user) => user.team?.name ?? 'None' },
          { header: 'Status', cell: (user) => (user.isActive ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Disabled</Badge>) },
        ]}
      />
    </>
  );
}
