import type { Metadata } from 'next';
import { API_SCOPES } from '@/lib/policy/api-scopes';
import { TOKEN_MAX_LIFETIME_DAYS } from '@/lib/schemas/api-token';
import { listAllTokens } from '@/lib/server/api-tokens/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { CreateTokenForm } from '@/components/api-tokens/create-token-form';
import { TokenTable } from '@/components/api-tokens/token-table';
import { revokeApiTokenAction } from '../../account/tokens/actions';
import { requireAdmin } from '../admin-page';
import { createServiceTokenAction } from './actions';

export const metadata: Metadata = { title: 'API tokens' };

const SCOPE_OPTIONS = Object.entries(API_SCOPES).map(([name, description]) => ({ name, description }));

export default async function AdminTokensPage() {
  await requireAdmin();
  const [tokens, policy] = await Promise.all([listAllTokens(new Date()), currentPolicySettings()]);
  return (
    <>
      <PageHeader title="API tokens" description="Service tokens let pipelines call /api/v1 with the scopes chosen here, and nothing else. Personal tokens act as their owner." />
      <section aria-labelledby="new-service-token" className="mb-10">
        <h2 id="new-service-token" className="mb-3 text-lg font-semibold">New service token</h2>
        <CreateTokenForm action={createServiceTokenAction} maxLifetimeDays={TOKEN_MAX_LIFETIME_DAYS} scopes={SCOPE_OPTIONS} />
      </section>
      <section aria-labelledby="all-tokens">
        <h2 id="all-tokens" className="mb-3 text-lg font-semibold">All tokens</h2>
        <TokenTable tokens={tokens} timeZone={policy.timeZone} revokeAction={revokeApiTokenAction} showAll caption="Personal and service tokens, newest first" />
      </section>
    </>
  );
}
