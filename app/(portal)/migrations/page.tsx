import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { changeReference } from '@/lib/policy/change-class';
import { MIGRATION_TYPE_LABEL } from '@/lib/policy/migration-plan';
import { encodeMigrationCursor, MIGRATION_FILTER_PARAMS, parseMigrationListQuery, type MigrationCursor, type MigrationListQuery } from '@/lib/schemas/migration-plan';
import { listMigrationPlans, migrationRollbackRate } from '@/lib/server/migrations/queries';
import { listTeams } from '@/lib/server/catalog/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { LINK } from '@/components/ui/styles';
import { ListStatus, listSummary } from '@/components/ui/list-status';
import { ListTable } from '@/components/ui/list-table';
import { listHref, Pager } from '@/components/ui/pager';
import { checklistProgress, MigrationStatusBadge } from '@/components/migrations/migration-status-badge';
import { MigrationFilters } from '@/components/migrations/migration-filters';
import { RollbackRateSummary } from '@/components/migrations/rollback-rate';

export const metadata: Metadata = { title: 'Migration plans' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function olderHref(values: MigrationListQuery['values'], cursor: MigrationCursor): string {
  return listHref('/migrations', MIGRATION_FILTER_PARAMS, values, ['before', encodeMigrationCursor(cursor)]);
}

const SUMMARY_WORDS = { one: 'migration plan', many: 'migration plans', noMatch: 'No migration plans match these filters.', none: 'No migration plans yet. Add one from its change.' };
const COLUMNS = ['Plan', 'Type', 'Change', 'Team', 'Status', 'Checklist', 'Added'];

export default async function MigrationsPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const { filter, values, before, problems } = parseMigrationListQuery(await searchParams);
  const [{ items, older }, teams, policy, rollbackRate] = await Promise.all([listMigrationPlans(user, filter, before), listTeams(), currentPolicySettings(), migrationRollbackRate()]);
  // Named from the plans listed, so a change the viewer may not see is never named.
  const change = filter.changeId ? items[0]?.change : undefined;
  const isFiltered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader title="Migration plans" description="Every schema, data, infrastructure and framework migration (CTRL-012.3), with its checklist. Add a plan from its change." />
      <RollbackRateSummary rate={rollbackRate} />
      <MigrationFilters values={values} teams={teams.map(({ id, name }) => ({ id, name }))} changeReference={change ? changeReference(change.number) : undefined} />
      <ListStatus problems={Object.values(problems)} summary={listSummary(items.length, isFiltered, SUMMARY_WORDS)} />
      {items.length > 0 ? (
        <ListTable caption="Migration plans, newest first" columns={COLUMNS}>
          {items.map((plan) => (
            <tr key={plan.id}>
              <td className="px-4 py-2"><Link href={`/migrations/${plan.id}`} className={LINK}>{plan.title}</Link></td>
              <td className="px-4 py-2">{MIGRATION_TYPE_LABEL[plan.type]}</td>
              <td className="whitespace-nowrap px-4 py-2"><Link href={`/changes/${plan.change.id}`} className={`${LINK} font-mono`}>{changeReference(plan.change.number)}</Link></td>
              <td className="px-4 py-2">{plan.change.team.name}</td>
              <td className="px-4 py-2"><MigrationStatusBadge status={plan.status} /></td>
              <td className="whitespace-nowrap px-4 py-2">{checklistProgress(plan.progress)}</td>
              <td className="whitespace-nowrap px-4 py-2"><Time at={plan.createdAt} timeZone={policy.timeZone} /></td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <Pager newestHref={before ? listHref('/migrations', MIGRATION_FILTER_PARAMS, values) : undefined} olderHref={older ? olderHref(values, older) : undefined} />
    </>
  );
}
