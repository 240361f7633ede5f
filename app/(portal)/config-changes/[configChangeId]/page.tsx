import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { CONFIG_CHANGE_TYPE_LABEL } from '@/lib/policy/config-change';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { CONFIG_DETAIL_FIELDS } from '@/lib/schemas/config-change';
import { listConfigChangeEvents } from '@/lib/server/config-changes/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { WebLink } from '@/components/ui/web-link';
import { AuditTimelineSection } from '@/components/audit/audit-timeline-section';
import { Detail, DetailList } from '@/components/ui/detail-list';
import { ConfigChangeStatusBadge, UNAUTHORIZED_LABEL, UnauthorizedBadge } from '@/components/config-changes/config-change-badges';
import { ConfigChecklist } from '@/components/config-changes/config-checklist';
import { ApplyConfigChangeForm, CancelConfigChangeForm, ConfirmConfigChangeForm } from '@/components/config-changes/config-change-actions';
import { findConfigChange } from './find-config-change';
import { applyConfigChangeAction, cancelConfigChangeAction, confirmConfigChangeAction } from './actions';

export const metadata: Metadata = { title: 'Configuration change' };

type Props = { params: Promise<{ configChangeId: string }> };

const personName = (person: { name: string | null; email: string }) => person.name ?? person.email;

/** A detail value as people read it: http(s) links stay links (anything else shows as text), blanks say so. */
function DetailValue({ kind, value }: Readonly<{ kind: string; value: string | number | null }>) {
  if (value === null || value === '') return <span className="font-normal text-slate-600">Not given</span>;
  if (kind === 'url') return <WebLink url={String(value)} />;
  if (kind === 'ttl') return <>{value} s</>;
  if (kind === 'mode') return <span className="capitalize">{value}</span>;
  return <span className="whitespace-pre-wrap">{value}</span>;
}

export default async function ConfigChangePage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const view = await findConfigChange(user, (await params).configChangeId);
  const { change, facts } = view;
  const [events, policy] = await Promise.all([listConfigChangeEvents(change.id), currentPolicySettings()]);
  const { timeZone } = policy;
  const isPlanned = change.status === 'planned';
  const hasConfirmed = view.confirmerIds.includes(user.id);
  return (
    <>
      <PageHeader
        title={change.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <ConfigChangeStatusBadge status={change.status} />
            <span>{CONFIG_CHANGE_TYPE_LABEL[facts.type]}</span>
            {view.unauthorizedReason ? <UnauthorizedBadge /> : null}
          </span>
        }
        actions={
          <>
            {view.canEdit ? <Link href={`/config-changes/${change.id}/edit`} className={BUTTON_SECONDARY}>Edit</Link> : null}
            {canReadAuditTrail(user) ? <Link href={`/audit?entityType=config-change&entityId=${change.id}`} className={BUTTON_SECONDARY}>All audit events</Link> : null}
          </>
        }
      />
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {view.unauthorizedReason ? (
            <section aria-labelledby="unauthorized-heading" className="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950">
              <h2 id="unauthorized-heading" className="text-lg font-semibold">{UNAUTHORIZED_LABEL}</h2>
              <p>{view.unauthorizedReason.message} ({view.unauthorizedReason.control})</p>
              <p>Made by {personName(change.requestedBy)}{change.appliedAt ? <> · <Time at={change.appliedAt} timeZone={timeZone} /></> : null}</p>
            </section>
          ) : null}
          <section aria-labelledby="process-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="process-heading" className="text-lg font-semibold">Process (CTRL-012.5)</h2>
            <p className="text-sm"><span className="font-medium">{CONFIG_CHANGE_TYPE_LABEL[facts.type]}:</span> {view.process}</p>
            <ConfigChecklist items={view.checklist} />
            {isPlanned ? (
              view.readiness.length === 0
                ? <p className="text-sm font-medium text-emerald-800">The process is complete: it may be marked applied.</p>
                : <p className="text-sm text-slate-700">It can be marked applied once every item above is done.</p>
            ) : null}
            {view.canManage ? <ApplyConfigChangeForm action={applyConfigChangeAction} configChangeId={change.id} version={change.version} isAvailable={view.canApply} /> : null}
          </section>
          <section aria-labelledby="confirmations-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="confirmations-heading" className="text-lg font-semibold">Confirmations</h2>
            {view.needsConfirmation ? (
              change.confirmations.length > 0 ? (
                <ul aria-label="Confirmed by" className="space-y-1 text-sm">
                  {change.confirmations.map(({ confirmer, confirmedAt }) => (
                    <li key={confirmer.id}>Confirmed by <span className="font-medium">{personName(confirmer)}</span> · <Time at={confirmedAt} timeZone={timeZone} /></li>
                  ))}
                </ul>
              ) : <p className="text-sm text-slate-700">No one has confirmed it yet. A second person, never the requester, confirms it.</p>
            ) : <p className="text-sm text-slate-700">This process takes no second-person confirmation.</p>}
            {view.canConfirm || hasConfirmed ? <ConfirmConfigChangeForm action={confirmConfigChangeAction} configChangeId={change.id} version={change.version} isAvailable={view.canConfirm} /> : null}
            {!view.canConfirm && view.confirmRefusal ? <p className="text-sm text-slate-700">You cannot confirm this change: {view.confirmRefusal}</p> : null}
          </section>
          {view.canCancel ? <CancelConfigChangeForm action={cancelConfigChangeAction} configChangeId={change.id} version={change.version} /> : null}
          <section aria-labelledby="details-heading" className="space-y-3">
            <h2 id="details-heading" className="text-lg font-semibold">Details</h2>
            <DetailList>
              <Detail canBreakWords term="Environment">{change.environment.name}</Detail>
              <Detail canBreakWords term="Service">{change.service?.name ?? <span className="font-normal text-slate-600">No single service</span>}</Detail>
              <Detail canBreakWords term={change.isReportedAfter ? 'Made by' : 'Requested by'}>{personName(change.requestedBy)}</Detail>
              <Detail canBreakWords term={change.isReportedAfter ? 'Reported' : 'Filed'}><Time at={change.createdAt} timeZone={timeZone} /></Detail>
              <Detail canBreakWords term="Applied">{change.appliedAt ? <Time at={change.appliedAt} timeZone={timeZone} /> : <span className="font-normal text-slate-600">Not yet</span>}</Detail>
              <Detail canBreakWords term="Record version">v{change.version}</Detail>
              {Object.entries(CONFIG_DETAIL_FIELDS[facts.type]).map(([field, { kind, label }]) => (
                <Detail canBreakWords key={field} term={label}><DetailValue kind={kind} value={(facts.details as Record<string, string | number | null>)[field] ?? null} /></Detail>
              ))}
            </DetailList>
          </section>
        </div>
        <AuditTimelineSection events={events} timeZone={timeZone} />
      </div>
    </>
  );
}
