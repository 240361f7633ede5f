import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canManageFeature, describeKillSwitchCoverage } from '@/lib/policy/flag-discipline';
import { killSwitchCoverage, listFeatures } from '@/lib/server/flags/features';
import { Badge } from '@/components/ui/badge';
import { ListTable } from '@/components/ui/list-table';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_PRIMARY, LINK } from '@/components/ui/styles';

export const metadata: Metadata = { title: 'Features and kill switches' };

export default async function FeaturesPage() {
  const user = await requireUser();
  const [features, coverage] = await Promise.all([listFeatures(user), killSwitchCoverage()]);
  return (
    <>
      <PageHeader
        title="Features and kill switches"
        description="Every user-facing feature has an emergency kill switch: an active ops flag linked to it (CTRL-012.4). Features without one come first."
        actions={canManageFeature(user, { teamId: user.teamId ?? '' }) ? <Link href="/flags/features/new" className={BUTTON_PRIMARY}>New feature</Link> : null}
      />
      <section aria-labelledby="coverage" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="coverage" className="text-lg font-semibold">Kill-switch coverage</h2>
        <p className="mt-2 flex flex-wrap items-center gap-2 text-sm">
          {coverage.total > 0 ? <Badge tone={coverage.isComplete ? 'good' : 'bad'}>{coverage.isComplete ? 'Every feature covered' : `${coverage.total - coverage.covered} without a kill switch`}</Badge> : null}
          <span>{describeKillSwitchCoverage(coverage)}</span>
        </p>
      </section>
      {features.length > 0 ? (
        <ListTable caption="User-facing features, those without a kill switch first" columns={['Feature', 'Key', 'Team', 'Kill switch', '']}>
          {features.map((feature) => (
            <tr key={feature.id} className={feature.killSwitches.length === 0 ? 'bg-red-50/60' : undefined}>
              <th scope="row" className="px-4 py-2 text-left font-medium">
                {feature.name}
                {feature.description ? <p className="font-normal text-slate-600">{feature.description}</p> : null}
              </th>
              <td className="px-4 py-2 font-mono">{feature.key}</td>
              <td className="px-4 py-2">{feature.team.name}</td>
              <td className="px-4 py-2">
                {feature.killSwitches.length === 0 ? <Badge tone="bad">No kill switch</Badge> : (
                  <ul className="space-y-1">
                    {feature.killSwitches.map((flag) => <li key={flag.id}><span className="font-mono">{flag.key}</span> ({flag.owner.name ?? flag.owner.email})</li>)}
                  </ul>
                )}
              </td>
              <td className="px-4 py-2">{feature.canEdit ? <Link href={`/flags/features/${feature.id}`} className={LINK} aria-label={`Edit ${feature.name}`}>Edit</Link> : null}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}
