import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { configChangeFormOptions } from '@/lib/server/config-changes/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ConfigChangeForm } from '@/components/config-changes/config-change-form';
import { configDetailFieldName } from '@/lib/schemas/config-change';
import { findConfigChange } from '../find-config-change';
import { updateConfigChangeAction } from './actions';

export const metadata: Metadata = { title: 'Edit configuration change' };

type Props = { params: Promise<{ configChangeId: string }> };

export default async function EditConfigChangePage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const view = await findConfigChange(user, (await params).configChangeId);
  // Only its requester, their team or a manager edit it, and only while planned: the page is theirs alone.
  if (!view.canEdit) notFound();
  const { change, facts } = view;
  const { environments, services } = await configChangeFormOptions();
  const details = Object.fromEntries(Object.entries(facts.details).map(([field, value]) => [configDetailFieldName(facts.type, field), value === null ? '' : String(value)]));
  return (
    <>
      <PageHeader title={`Edit: ${change.title}`} description="Editing what changes (details, environment, service) withdraws the confirmations given so far: they confirmed what they saw." />
      <ConfigChangeForm
        action={updateConfigChangeAction}
        environments={environments}
        services={services}
        initial={{ type: facts.type, title: change.title, environmentId: change.environmentId, serviceId: change.serviceId ?? '', ...details }}
        submitLabel="Save changes"
        mode={{ kind: 'edit', configChangeId: change.id, version: change.version, type: facts.type }}
      />
    </>
  );
}
