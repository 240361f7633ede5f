import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { CONFIG_CHANGE_TYPE_LABEL } from '@/lib/policy/config-change';
import { CONFIG_FILTER_PARAMS, encodeConfigChangeCursor, parseConfigChangeListQuery, type ConfigChangeListQuery } from '@/lib/schemas/config-change';
import { configChangeFilterOptions, listConfigChanges } from '@/lib/server/config-changes/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { ListStatus, listSummary } from '@/components/ui/list-status';
import { ListTable } from '@/components/ui/list-table';
import { listHref, Pager } from '@/components/ui/pager';
import { ConfigChangeFilters } from '@/components/config-changes/config-change-filters';
import { ConfigChangeStatusBadge, UnauthorizedBadge } from '@/components/config-changes/config-change-badges';

export const metadata: Metadata = { title: 'Configuration changes' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list URL with the current filters and, for a later page, the position it continues from. */
function pageHref(values: ConfigChangeListQuery['values'], cursor?: { createdAt: Date; id: string }): string {
  return listHref('/config-changes', CONFIG_FILTER_PARAMS, values, cursor ? ['before', encodeConfigChangeCursor(cursor)] : undefined);
}

const PROCESS_WORDS = { applied: 'Through its process', cancelled: 'Withdrawn' } as const;

const SUMMARY_WORDS = { one: 'configuration change', many: 'configuration changes', noMatch: 'No configuration changes match these filters.', none: 'No configuration changes recorded.' };
const COLUMNS = ['Title', 'Type', 'Status', 'Process', 'Environment', 'Service', 'Requested or made by', 'Filed'];

export default async function ConfigChangesPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const [params, policy, options] = await Promise.all([searchParams, currentPolicySettings(), configChangeFilterOptions()]);
  const { filter, values, before, problems } = parseConfigChangeListQuery(params);
  const { items, older } = await listConfigChanges(filter, before);
  const isFiltered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader
        title="Configuration changes"
        description="Non-code production changes (CTRL-012.5): environment variables, feature flags, DNS, load balancers and secret rotations, each through its process."
        actions={canFileChange(user) ? (
          <>
            <Link href="/config-changes/new" className={BUTTON_PRIMARY}>New configuration change</Link>
            <Link href="/config-changes/report" className={BUTTON_SECONDARY}>Report a change made outside the process</Link>
          </>
        ) : null}
      />
      <ConfigChangeFilters values={values} {...options} />
      <ListStatus problems={Object.values(problems)} summary={listSummary(items.length, isFiltered, SUMMARY_WORDS)} />
      {items.length > 0 ? (
        <ListTable caption="Configuration changes, newest first" columns={COLUMNS}>
          {items.map((item) => (
            <tr key={item.id} className={item.unauthorizedReason ? 'bg-red-50/60' : undefined}>
              <td className="px-4 py-2"><Link href={`/config-changes/${item.id}`} className={LINK}>{item.title}</Link></td>
              <td className="px-4 py-2">{CONFIG_CHANGE_TYPE_LABEL[item.type]}</td>
              <td className="px-4 py-2"><ConfigChangeStatusBadge status={item.status} /></td>
              <td className="px-4 py-2">
                {item.unauthorizedReason ? <UnauthorizedBadge /> : item.status === 'planned' ? `${item.progress.done} of ${item.progress.total} done` : PROCESS_WORDS[item.status]}
              </td>
              <td className="px-4 py-2">{item.environment.name}</td>
              <td className="px-4 py-2">{item.service?.name ?? '—'}</td>
              <td className="px-4 py-2">{item.requestedBy.name ?? item.requestedBy.email}</td>
              <td className="whitespace-nowrap px-4 py-2"><Time at={item.createdAt} timeZone={policy.timeZone} /></td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <Pager newestHref={before ? pageHref(values) : undefined} olderHref={older ? pageHref(values, older) : undefined} />
    </>
  );
}
