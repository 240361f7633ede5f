import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canDeclareIncident } from '@/lib/policy/permissions';
import { incidentFormOptions } from '@/lib/server/incidents/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { isoToLocalInput } from '@/lib/time/local-input';
import { PageHeader } from '@/components/ui/page-header';
import { IncidentForm } from '@/components/incidents/incident-form';
import { declareIncidentAction } from './actions';

export const metadata: Metadata = { title: 'Declare incident' };

export default async function NewIncidentPage() {
  const user = await requireUser();
  if (!canDeclareIncident(user)) notFound();
  const [options, policy] = await Promise.all([incidentFormOptions(), currentPolicySettings()]);
  return (
    <>
      <PageHeader title="Declare incident" description="An active SEV1 or SEV2 holds every deploy not linked to it as its fix from the moment it starts (CTRL-012.2)." />
      <IncidentForm
        action={declareIncidentAction}
        {...options}
        // Whoever declares commands until they hand over; the clock is read once, here.
        initial={{ commanderId: user.id, startedAt: isoToLocalInput(new Date(), policy.timeZone) }}
        submitLabel="Declare incident"
        timeZone={policy.timeZone}
      />
    </>
  );
}
