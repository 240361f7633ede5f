import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canDeclareIncident } from '@/lib/policy/permissions';
import { encodeIncidentCursor, INCIDENT_FILTER_PARAMS, parseIncidentListQuery, type IncidentCursor, type IncidentListQuery } from '@/lib/schemas/incident';
import { listBlockingIncidents, listIncidents } from '@/lib/server/incidents/queries';
import { listServices } from '@/lib/server/catalog/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { Time } from '@/components/ui/time';
import { BUTTON_PRIMARY, LINK } from '@/components/ui/styles';
import { ListStatus, listSummary } from '@/components/ui/list-status';
import { ListTable } from '@/components/ui/list-table';
import { listHref, Pager } from '@/components/ui/pager';
import { IncidentStateBadge, SeverityBadge } from '@/components/incidents/severity-badge';
import { IncidentFilters } from '@/components/incidents/incident-filters';

export const metadata: Metadata = { title: 'Incidents' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The list URL with the current filters and, for a later page, the position of the row it continues from. */
function pageHref(values: IncidentListQuery['values'], cursor?: IncidentCursor): string {
  return listHref('/incidents', INCIDENT_FILTER_PARAMS, values, cursor ? ['before', encodeIncidentCursor(cursor)] : undefined);
}

const SUMMARY_WORDS = { one: 'incident', many: 'incidents', noMatch: 'No incidents match these filters.', none: 'No incidents recorded.' };
const COLUMNS = ['Reference', 'Title', 'Severity', 'State', 'Started', 'Resolved', 'Commander', 'Services'];

export default async function IncidentsPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const at = new Date();
  const [params, policy, services] = await Promise.all([searchParams, currentPolicySettings(), listServices()]);
  const { filter, values, before, problems } = parseIncidentListQuery(params);
  const [{ items, older }, blocking] = await Promise.all([listIncidents(filter, at, before), listBlockingIncidents(at)]);
  const isFiltered = Object.keys(values).length > 0;
  return (
    <>
      <PageHeader
        title="Incidents"
        description="SEV1–SEV4 incidents with their commander and affected services. While a SEV1 or SEV2 is active, only changes linked to it as its fix deploy (CTRL-012.2)."
        actions={canDeclareIncident(user) ? <Link href="/incidents/new" className={BUTTON_PRIMARY}>Declare incident</Link> : null}
      />
      {blocking.length > 0 ? (
        <section aria-labelledby="blocking-heading" className="mb-6 rounded-lg border-2 border-red-300 bg-red-50 p-4">
          <h2 id="blocking-heading" className="font-semibold text-red-900">Blocking deploys: {blocking.length} active SEV1/SEV2 incident{blocking.length === 1 ? '' : 's'}</h2>
          <ul className="mt-2 space-y-1 text-sm text-red-900">
            {blocking.map((incident) => (
              <li key={incident.id}>
                <Link href={`/incidents/${incident.id}`} className="font-medium underline">{incident.reference}: {incident.title}</Link> · {incident.severity.toUpperCase()} since <Time at={incident.startedAt} timeZone={policy.timeZone} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <IncidentFilters values={values} services={services.map(({ id, name }) => ({ id, name }))} />
      <ListStatus problems={Object.values(problems)} summary={listSummary(items.length, isFiltered, SUMMARY_WORDS)} />
      {items.length > 0 ? (
        <ListTable caption={`Incidents, newest start first; times in ${policy.timeZone}`} columns={COLUMNS}>
          {items.map((incident) => (
            <tr key={incident.id} className={incident.isBlocking ? 'bg-red-50' : undefined}>
              <td className="whitespace-nowrap px-4 py-2 font-mono">{incident.reference}</td>
              <td className="px-4 py-2"><Link href={`/incidents/${incident.id}`} className={LINK}>{incident.title}</Link></td>
              <td className="px-4 py-2"><SeverityBadge severity={incident.severity} /></td>
              <td className="px-4 py-2"><IncidentStateBadge isActive={incident.isActive} isBlocking={incident.isBlocking} /></td>
              <td className="whitespace-nowrap px-4 py-2"><Time at={incident.startedAt} timeZone={policy.timeZone} /></td>
              <td className="whitespace-nowrap px-4 py-2">{incident.resolvedAt ? <Time at={incident.resolvedAt} timeZone={policy.timeZone} /> : <span className="text-slate-600">Not yet</span>}</td>
              <td className="px-4 py-2">{incident.commander.name ?? incident.commander.email}</td>
              <td className="px-4 py-2">{incident.services.map(({ service }) => service.name).join(', ') || <span className="text-slate-600">Not known</span>}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <Pager newestHref={before ? pageHref(values) : undefined} olderHref={older ? pageHref(values, older) : undefined} />
    </>
  );
}
