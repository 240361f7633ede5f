import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { DomainError } from '@/lib/server/errors';
import { getIncident, incidentFormOptions } from '@/lib/server/incidents/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { isoToLocalInput } from '@/lib/time/local-input';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { IncidentForm } from '@/components/incidents/incident-form';
import { updateIncidentAction } from './actions';

export const metadata: Metadata = { title: 'Edit incident' };

type Props = { params: Promise<{ incidentId: string }> };

export default async function EditIncidentPage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const { incidentId } = await params;
  if (!z.uuid().safeParse(incidentId).success) notFound();
  const view = await getIncident(user, incidentId, new Date()).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  if (!view.canManage) notFound();
  const { incident } = view;
  const [options, policy] = await Promise.all([incidentFormOptions(), currentPolicySettings()]);
  // A commander since disabled stays selectable, so saving another field does not fail on them unseen.
  const commanders = options.commanders.some((person) => person.id === incident.commander.id)
    ? options.commanders
    : [...options.commanders, { id: incident.commander.id, name: `${incident.commander.name ?? incident.commander.email} (may no longer command)` }];
  return (
    <>
      <PageHeader
        title={`Edit ${incident.reference}`}
        description={<>Resolving and reopening are on the incident page. <Link href={`/incidents/${incident.id}`} className={LINK}>Back to the incident</Link></>}
      />
      <IncidentForm
        action={updateIncidentAction}
        commanders={commanders}
        services={options.services}
        editing={{ incidentId: incident.id, version: incident.version }}
        initial={{
          title: incident.title, summary: incident.summary, severity: incident.severity, commanderId: incident.commanderId,
          startedAt: isoToLocalInput(incident.startedAt, policy.timeZone), serviceIds: incident.services.map(({ service }) => service.id),
        }}
        submitLabel="Save changes"
        timeZone={policy.timeZone}
      />
    </>
  );
}
