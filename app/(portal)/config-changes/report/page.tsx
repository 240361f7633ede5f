import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canFileChange } from '@/lib/policy/permissions';
import { configChangeFormOptions } from '@/lib/server/config-changes/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ConfigChangeForm } from '@/components/config-changes/config-change-form';
import { UNAUTHORIZED_LABEL } from '@/components/config-changes/config-change-badges';
import { reportConfigChangeAction } from './actions';

export const metadata: Metadata = { title: 'Report a configuration change made outside its process' };

export default async function ReportConfigChangePage() {
  const user = await requireUser();
  if (!canFileChange(user)) notFound();
  const [{ environments, services, people }, policy] = await Promise.all([configChangeFormOptions(), currentPolicySettings()]);
  const production = environments.find((environment) => environment.name === 'Production');
  return (
    <>
      <PageHeader
        title="Report a configuration change made outside its process"
        description="For a change already made in production without going through its process. Reporting it brings it on record; it is kept as applied."
      />
      <p className="mb-6 max-w-3xl rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-900">
        <span className="font-semibold">It will be recorded as “{UNAUTHORIZED_LABEL}”</span> (POL-012 CTRL-012.5: no ad-hoc production changes) and counts towards the unauthorized-changes figure.
      </p>
      <ConfigChangeForm
        action={reportConfigChangeAction}
        environments={environments}
        services={services}
        initial={{ type: 'env_var', environmentId: production?.id, madeById: user.id }}
        submitLabel="Report change"
        mode={{ kind: 'report', people, timeZone: policy.timeZone }}
      />
    </>
  );
}
