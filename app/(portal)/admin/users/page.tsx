import type { Metadata } from 'next';
import Link from 'next/link';
import { ROLES, ROLE_LABEL } from '@/lib/policy/permissions';
import { NO_TEAM, parseUserListQuery, USER_FILTER_PARAMS, USER_STATUSES } from '@/lib/schemas/user-list-query';
import { listUsers } from '@/lib/server/admin/queries';
import { listTeams } from '@/lib/server/catalog/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Badge } from '@/components/ui/badge';
import { INPUT, LINK } from '@/components/ui/styles';
import { DataTable } from '@/components/admin/data-table';
import { Field } from '@/components/ui/field';
import { FilterForm, FilterSelect, labelledOptions } from '@/components/ui/filter-form';
import { ListStatus } from '@/components/ui/list-status';
import { listHref, Pager } from '@/components/ui/pager';
import { requireAdmin } from '../admin-page';

export const metadata: Metadata = { title: 'Users' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS_LABEL = { active: 'Active', disabled: 'Disabled' } as const;

export default async function UsersPage({ searchParams }: Readonly<Props>) {
  await requireAdmin();
  const { filter, values, problems, page } = parseUserListQuery(await searchParams);
  const [{ users, hasMore }, teams] = await Promise.all([listUsers(filter, page), listTeams()]);
  const isFiltered = Object.keys(values).length > 0;
  const pageHref = (number: number) => listHref('/admin/users', USER_FILTER_PARAMS, values, number > 1 ? ['page', String(number)] : undefined);
  const shown = users.length === 0
    ? isFiltered ? 'No users match these filters.' : page > 1 ? 'No users on this page.' : 'No users yet.'
    : `${users.length} ${users.length === 1 ? 'user' : 'users'}${isFiltered ? ' matching the filters' : ''} on page ${page}, active first, by name.`;
  return (
    <>
      <PageHeader title="Users" description="People sign in through single sign-on; their first sign-in creates an engineer without a team. Choose a name to edit." />
      <FilterForm action="/admin/users" label="Find users" values={values} isInline>
        <Field id="filter-q" label="Name or email contains">{() => <input id="filter-q" name="q" type="search" defaultValue={values.q ?? ''} className={INPUT} />}</Field>
        <FilterSelect name="role" label="Role" value={values.role} options={labelledOptions(ROLES, ROLE_LABEL)} />
        <FilterSelect name="team" label="Team" value={values.team} options={[{ id: NO_TEAM, name: 'No team' }, ...teams.map((team) => ({ id: team.id, name: team.name }))]} />
        <FilterSelect name="status" label="Status" value={values.status} options={labelledOptions(USER_STATUSES, STATUS_LABEL)} />
      </FilterForm>
      <ListStatus problems={Object.values(problems)} summary={shown} />
      <DataTable
        caption="Users, active first, by name"
        rows={users}
        rowKey={(user) => user.id}
        empty={isFiltered ? 'No users match these filters.' : 'No users here.'}
        columns={[
          { header: 'Name', cell: (user) => <Link href={`/admin/users/${user.id}`} className={LINK}>{user.name ?? user.email}</Link> },
          { header: 'Email', cell: (user) => user.email },
          { header: 'Role', cell: (user) => ROLE_LABEL[user.role] },
          { header: 'Staff+', cell: (user) => (user.isStaffPlus ? 'Yes' : 'No') },
          { header: 'Team', cell: (user) => user.team?.name ?? 'None' },
          { header: 'Status', cell: (user) => (user.isActive ? <Badge tone="good">Active</Badge> : <Badge tone="bad">Disabled</Badge>) },
        ]}
      />
      <Pager order="name" newestHref={page > 2 ? pageHref(1) : undefined} newerHref={page > 1 ? pageHref(page - 1) : undefined} olderHref={hasMore ? pageHref(page + 1) : undefined} />
    </>
  );
}
