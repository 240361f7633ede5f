import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { configChangeFormOptions } from '@/lib/server/config-changes/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { ConfigChangeForm } from '@/components/config-changes/config-change-form';
import { createConfigChangeAction } from './actions';

export const metadata: Metadata = { title: 'New configuration change' };

export default async function NewConfigChangePage() {
  const user = await requireUser();
  if (!canFileChange(user)) notFound();
  const { environments, services } = await configChangeFormOptions();
  const production = environments.find((environment) => environment.name === 'Production');
  return (
    <>
      <PageHeader
        title="New configuration change"
        description={<>A non-code production change planned through its process (CTRL-012.5). It is applied once its checklist is complete. Already made outside the process? <Link href="/config-changes/report" className={LINK}>Report it instead</Link>.</>}
      />
      <ConfigChangeForm action={createConfigChangeAction} environments={environments} services={services} initial={{ type: 'env_var', environmentId: production?.id }} submitLabel="Plan change" mode={{ kind: 'plan' }} />
    </>
  );
}
