import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth/session-user';
import { changeReference, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { canReadAuditTrail } from '@/lib/policy/permissions';
import { DomainError } from '@/lib/server/errors';
import { getIncident, listIncidentEvents, type IncidentView } from '@/lib/server/incidents/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { isoToLocalInput } from '@/lib/time/local-input';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { AuditTimeline } from '@/components/audit/audit-timeline';
import { Detail, DetailList } from '@/components/ui/detail-list';
import { ListTable } from '@/components/ui/list-table';
import { ChangeStatusBadge } from '@/components/changes/change-status-badge';
import { IncidentStateBadge, SeverityBadge } from '@/components/incidents/severity-badge';
import { IncidentStateForms } from '@/components/incidents/incident-state-forms';
import { reopenIncidentAction, resolveIncidentAction } from './actions';

export const metadata: Metadata = { title: 'Incident' };

type Props = { params: Promise<{ incidentId: string }> };

const LINKED_CHANGE_COLUMNS = ['Change', 'Link', 'Class', 'Status'] as const;

async function findIncident(user: SessionUser, incidentId: string, at: Date): Promise<IncidentView> {
  if (!z.uuid().safeParse(incidentId).success) notFound();
  try {
    return await getIncident(user, incidentId, at);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function IncidentPage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const { incidentId } = await params;
  const at = new Date();
  const [{ incident, changes, overrides, canManage }, policy] = await Promise.all([findIncident(user, incidentId, at), currentPolicySettings()]);
  const events = await listIncidentEvents(incident.id);
  const { timeZone } = policy;
  return (
    <>
      <PageHeader
        title={`${incident.reference}: ${incident.title}`}
        description={<span className="flex flex-wrap items-center gap-2"><SeverityBadge severity={incident.severity} /><IncidentStateBadge isActive={incident.isActive} isBlocking={incident.isBlocking} /></span>}
        actions={canManage ? <Link href={`/incidents/${incident.id}/edit`} className={BUTTON_SECONDARY}>Edit</Link> : null}
      />
      <div className="grid gap-8 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {incident.isBlocking ? (
            <p className="rounded-lg border-2 border-red-300 bg-red-50 p-4 text-sm text-red-900">
              <strong>Blocking deploys.</strong> While this {incident.severity.toUpperCase()} is active, the gate denies every change not linked to it as its fix (CTRL-012.2).
            </p>
          ) : null}
          <section aria-labelledby="details" className="space-y-3">
            <h2 id="details" className="text-lg font-semibold">Details</h2>
            <DetailList>
              <Detail term="Severity">{incident.severity.toUpperCase()}</Detail>
              <Detail term="Incident commander">{incident.commander.name ?? incident.commander.email}</Detail>
              <Detail term={`Started (${timeZone})`}><Time at={incident.startedAt} timeZone={timeZone} /></Detail>
              <Detail term={`Resolved (${timeZone})`}>{incident.resolvedAt ? <Time at={incident.resolvedAt} timeZone={timeZone} /> : <span className="font-normal text-slate-600">Not yet: still going on</span>}</Detail>
              <Detail term="Services affected">
                {incident.services.length ? <ul>{incident.services.map(({ service }) => <li key={service.id}>{service.name}</li>)}</ul> : <span className="font-normal text-slate-600">Not known yet</span>}
              </Detail>
              <Detail term="Record version">v{incident.version}</Detail>
            </DetailList>
            <h3 className="font-semibold">Summary</h3>
            <p className="whitespace-pre-wrap rounded-lg border border-slate-200 bg-white p-4 text-sm">{incident.summary || 'No summary yet.'}</p>
          </section>
          {canManage ? (
            <section aria-labelledby="state-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
              <h2 id="state-heading" className="text-lg font-semibold">{incident.resolvedAt ? 'Reopen' : 'Resolve'}</h2>
              <IncidentStateForms
                resolveAction={resolveIncidentAction}
                reopenAction={reopenIncidentAction}
                incidentId={incident.id}
                version={incident.version}
                isResolved={incident.resolvedAt !== null}
                now={isoToLocalInput(at, timeZone)}
                timeZone={timeZone}
              />
            </section>
          ) : null}
          <section aria-labelledby="changes-heading" className="space-y-3">
            <h2 id="changes-heading" className="text-lg font-semibold">Linked changes</h2>
            <p className="text-sm text-slate-600">A change is linked from its own edit form: as the fix (it may deploy during this incident) or as the cause.</p>
            {changes.length ? (
              <ListTable caption={`Changes linked to ${incident.reference}`} columns={LINKED_CHANGE_COLUMNS}>
                {changes.map(({ link, change }) => (
                  <tr key={`${change.id}:${link}`}>
                    <td className="px-4 py-2"><Link href={`/changes/${change.id}`} className={LINK}>{changeReference(change.number)}: {change.title}</Link></td>
                    <td className="px-4 py-2">{link === 'fixes' ? 'Fixes this incident' : 'Caused this incident'}</td>
                    <td className="px-4 py-2">{CHANGE_CLASS_INFO[change.changeClass].label}</td>
                    <td className="px-4 py-2"><ChangeStatusBadge status={change.status} /></td>
                  </tr>
                ))}
              </ListTable>
            ) : <p className="text-sm text-slate-600">No changes linked.</p>}
          </section>
          <section aria-labelledby="overrides-heading" className="space-y-3">
            <h2 id="overrides-heading" className="text-lg font-semibold">Overrides granted under this incident</h2>
            {overrides.length ? (
              <ul className="space-y-2 text-sm">
                {overrides.map((override) => (
                  <li key={override.id} className="rounded-lg border border-slate-200 bg-white p-3">
                    <Link href={`/changes/${override.changeRequest.id}`} className={LINK}>{changeReference(override.changeRequest.number)}: {override.changeRequest.title}</Link>
                    {' '}· granted by {override.grantedBy.name ?? override.grantedBy.email} · <Time at={override.grantedAt} timeZone={timeZone} /> until <Time at={override.expiresAt} timeZone={timeZone} />
                    {' '}· <strong>{override.revokedAt ? 'revoked' : override.isInForce ? 'in force' : 'not in force'}</strong>
                    <p className="mt-1 whitespace-pre-wrap text-slate-700">{override.justification}</p>
                  </li>
                ))}
              </ul>
            ) : <p className="text-sm text-slate-600">None.</p>}
          </section>
        </div>
        <aside aria-labelledby="timeline" className="space-y-3">
          <h2 id="timeline" className="text-lg font-semibold">Timeline</h2>
          <AuditTimeline events={events} timeZone={timeZone} />
          {canReadAuditTrail(user) ? <p className="text-sm"><Link href={`/audit?entityType=incident&entityId=${incident.id}`} className={LINK}>All audit events</Link></p> : null}
        </aside>
      </div>
    </>
  );
}
