import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Detail, DetailList } from '@/components/ui/detail-list';
import { DangerForm } from '@/components/ui/danger-form';
import { ListTable } from '@/components/ui/list-table';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { FlagLintBadge, FlagStateBadge } from '@/components/flags/flag-state-badge';
import { findFlag } from './find-flag';
import { archiveFlagAction } from './actions';

export const metadata: Metadata = { title: 'Flag' };

export default async function FlagPage({ params }: Readonly<{ params: Promise<{ flagId: string }> }>) {
  const user = await requireUser();
  const { flagId } = await params;
  const [view, policy] = await Promise.all([findFlag(user, flagId, new Date()), currentPolicySettings()]);
  const { flag } = view;
  const person = (who: { name: string | null; email: string } | null) => (who ? who.name || who.email : 'a service token');
  return (
    <>
      <PageHeader
        title={flag.key}
        description={flag.purpose}
        actions={view.canEdit ? <Link href={`/flags/${flag.id}/edit`} className={BUTTON_SECONDARY}>Edit flag</Link> : null}
      />
      <DetailList>
        <Detail term="State"><FlagStateBadge state={flag.state} daysStale={flag.daysStale} /></Detail>
        <Detail term="Type">{FLAG_TYPE_LABEL[flag.type]}</Detail>
        <Detail term="Team">{flag.team.name}</Detail>
        <Detail term="Owner">{person(flag.owner)}</Detail>
        <Detail term="Feature guarded">{flag.feature ? `${flag.feature.name} (${flag.feature.key})` : 'None'}</Detail>
        <Detail term="Rollout">{`${flag.rolloutPercent} %`}</Detail>
        <Detail term="First at 100 %">{flag.fullRolloutAt ? <Time at={flag.fullRolloutAt} timeZone={policy.timeZone} /> : 'Not yet'}</Detail>
        <Detail term="Expires">{flag.expiry ? <Time at={flag.expiry} timeZone={policy.timeZone} /> : 'No expiry'}</Detail>
        <Detail term="Why">{view.expiryExplanation}</Detail>
        <Detail term="Created"><Time at={flag.createdAt} timeZone={policy.timeZone} /></Detail>
        {flag.archivedAt ? <Detail term="Archived"><Time at={flag.archivedAt} timeZone={policy.timeZone} /></Detail> : null}
        <Detail term="Name check">
          <FlagLintBadge passes={flag.lint.passes} />
          {flag.lint.reasons.length > 0 ? <ul className="mt-1 list-disc pl-5">{flag.lint.reasons.map((reason) => <li key={reason.code}>{reason.message} ({reason.control})</li>)}</ul> : null}
        </Detail>
      </DetailList>

      <section aria-labelledby="rollout" className="mt-8">
        <h2 id="rollout" className="mb-3 text-lg font-semibold">Rollout history</h2>
        {view.rollout.length > 0 ? (
          <ListTable caption="Every change of rollout percent, oldest first" columns={['When', 'Percent', 'By']} isCompact>
            {view.rollout.map((change) => (
              <tr key={change.id}>
                <td className="px-4 py-2"><Time at={change.changedAt} timeZone={policy.timeZone} /></td>
                <td className="px-4 py-2">{`${change.percent} %`}</td>
                <td className="px-4 py-2">{person(change.changedBy)}</td>
              </tr>
            ))}
          </ListTable>
        ) : <p className="text-sm text-slate-700">No rollout recorded.</p>}
      </section>

      <section aria-labelledby="history" className="mt-8">
        <h2 id="history" className="mb-3 text-lg font-semibold">Audit log</h2>
        {view.events.length > 0 ? (
          <ol className="space-y-1 text-sm">
            {view.events.map((event) => (
              <li key={String(event.seq)}><Time at={event.at} timeZone={policy.timeZone} />: <span className="font-mono">{event.action}</span> by {event.actorName ?? 'a service token'}</li>
            ))}
          </ol>
        ) : <p className="text-sm text-slate-700">No events.</p>}
        <p className="mt-2 text-sm">
          Each change is also a <Link href={`/config-changes?type=feature_flag`} className={LINK}>configuration change</Link>
          {view.canReadAuditTrail ? <> and appears in the <Link href="/audit?entityType=flag" className={LINK}>audit trail</Link></> : null}.
        </p>
      </section>

      {view.canArchive ? (
        <section aria-labelledby="archive" className="mt-8 max-w-xl">
          <h2 id="archive" className="mb-3 text-lg font-semibold">Archive</h2>
          <DangerForm action={archiveFlagAction} hidden={{ flagId: flag.id, expectedVersion: flag.version }} summary="Archive this flag…" submitLabel="Archive flag" pendingText="Archiving…" reason={{ id: 'archive-reason', label: 'Why (optional), e.g. removed from the code in PR 123' }}>
            <p className="text-sm text-slate-700">Archive a flag once it is removed from the code. Archived flags leave the stale count and cannot be edited.</p>
          </DangerForm>
        </section>
      ) : null}
    </>
  );
}
