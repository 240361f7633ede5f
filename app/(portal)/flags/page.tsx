import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { FLAG_TYPES, FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { canCreateFlagFor } from '@/lib/policy/permissions';
import { decodeFlagCursor, encodeFlagCursor, FLAG_FILTER_PARAMS, FLAG_STATES, parseFlagListQuery } from '@/lib/schemas/flag';
import { flagFormOptions, listFlags } from '@/lib/server/flags/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { ListStatus, listSummary } from '@/components/ui/list-status';
import { ListTable } from '@/components/ui/list-table';
import { FilterForm, FilterSelect } from '@/components/ui/filter-form';
import { Field } from '@/components/ui/field';
import { INPUT } from '@/components/ui/styles';
import { listHref, Pager } from '@/components/ui/pager';
import { FlagLintBadge, FlagStateBadge } from '@/components/flags/flag-state-badge';

export const metadata: Metadata = { title: 'Feature flags' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATE_LABEL = { active: 'Active', stale: 'Stale (past its TTL)', archived: 'Archived' } as const;
const SUMMARY_WORDS = { one: 'flag', many: 'flags', noMatch: 'No flags match these filters.', none: 'No flags in the inventory yet.' };

export default async function FlagsPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const params = await searchParams;
  const given = Object.fromEntries(FLAG_FILTER_PARAMS.flatMap((name) => (typeof params[name] === 'string' ? [[name, params[name]]] : [])));
  const { filter, problems } = parseFlagListQuery(given);
  const after = typeof params.after === 'string' ? decodeFlagCursor(params.after) ?? undefined : undefined;
  const at = new Date();
  const [list, options, policy] = await Promise.all([listFlags(filter, at, after), flagFormOptions(), currentPolicySettings()]);
  const values = Object.fromEntries(FLAG_FILTER_PARAMS.flatMap((name) => (given[name] && !problems[name] ? [[name, given[name]]] : []))) as Partial<Record<(typeof FLAG_FILTER_PARAMS)[number], string>>;
  const isFiltered = Object.keys(values).length > 0;
  const mayCreate = options.teams.some((team) => canCreateFlagFor(user, team.id));
  return (
    <>
      <PageHeader
        title="Feature flags"
        description="The flag inventory (CTRL-012.4): every flag with its owner, purpose, type and TTL. Keys follow [team]-[feature]-[type]; every change is recorded with its audit log (CTRL-012.5)."
        actions={mayCreate ? <Link href="/flags/new" className={BUTTON_PRIMARY}>New flag</Link> : null}
      />
      <nav aria-label="Flag tools" className="mb-6 flex flex-wrap gap-2">
        <Link href="/flags/lint" className={BUTTON_SECONDARY}>Lint keys</Link>
        <Link href="/flags/stale" className={BUTTON_SECONDARY}>Stale flags</Link>
        <Link href="/flags/audits" className={BUTTON_SECONDARY}>Monthly audit</Link>
        <Link href="/flags/features" className={BUTTON_SECONDARY}>Kill switches</Link>
        <Link href="/flags/import" className={BUTTON_SECONDARY}>Import</Link>
      </nav>
      <FilterForm action="/flags" label="Filter flags" values={values} isInline>
        <Field id="filter-q" label="Key contains">{() => <input id="filter-q" name="q" defaultValue={values.q ?? ''} className={INPUT} />}</Field>
        <FilterSelect name="team" label="Team" value={values.team} options={options.teams.map((team) => ({ id: team.id, name: team.name }))} />
        <FilterSelect name="type" label="Type" value={values.type} options={FLAG_TYPES.map((type) => ({ id: type, name: FLAG_TYPE_LABEL[type] }))} />
        <FilterSelect name="state" label="State" value={values.state} options={FLAG_STATES.map((state) => ({ id: state, name: STATE_LABEL[state] }))} />
        <FilterSelect name="owner" label="Owner" value={values.owner} options={options.people.map((person) => ({ id: person.id, name: person.name || person.email }))} />
        <FilterSelect name="feature" label="Feature" value={values.feature} options={options.features.map((feature) => ({ id: feature.id, name: feature.name }))} />
      </FilterForm>
      <ListStatus problems={Object.entries(problems).map(([name, problem]) => `${name}: ${problem}`)} summary={listSummary(list.items.length, isFiltered, SUMMARY_WORDS)} />
      {list.items.length > 0 ? (
        <ListTable caption="Flags in key order" columns={['Key', 'Type', 'Team', 'Owner', 'Rollout', 'State', 'Expires', 'Name check']}>
          {list.items.map((flag) => (
            <tr key={flag.id}>
              <th scope="row" className="px-4 py-2 text-left font-normal"><Link href={`/flags/${flag.id}`} className={`${LINK} font-mono`}>{flag.key}</Link></th>
              <td className="px-4 py-2">{FLAG_TYPE_LABEL[flag.type]}</td>
              <td className="px-4 py-2">{flag.team.name}</td>
              <td className="px-4 py-2">{flag.owner.name || flag.owner.email}</td>
              <td className="px-4 py-2">{flag.rolloutPercent} %</td>
              <td className="px-4 py-2"><FlagStateBadge state={flag.state} daysStale={flag.daysStale} /></td>
              <td className="whitespace-nowrap px-4 py-2">{flag.expiry ? <Time at={flag.expiry} timeZone={policy.timeZone} /> : 'No expiry'}</td>
              <td className="px-4 py-2"><FlagLintBadge passes={flag.lint.passes} /></td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <Pager olderHref={list.nextKey ? listHref('/flags', FLAG_FILTER_PARAMS, values, ['after', encodeFlagCursor(list.nextKey)]) : undefined} newestHref={after ? listHref('/flags', FLAG_FILTER_PARAMS, values) : undefined} />
    </>
  );
}
