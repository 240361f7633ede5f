import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canManageOwnTokens } from '@/lib/policy/permissions';
import { TOKEN_MAX_LIFETIME_DAYS } from '@/lib/schemas/api-token';
import { listOwnTokens } from '@/lib/server/api-tokens/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { CreateTokenForm } from '@/components/api-tokens/create-token-form';
import { TokenTable } from '@/components/api-tokens/token-table';
import { createPersonalTokenAction, revokeApiTokenAction } from './actions';

export const metadata: Metadata = { title: 'My API tokens' };

export default async function MyTokensPage() {
  const user = await requireUser();
  if (!canManageOwnTokens(user)) notFound();
  const [tokens, policy] = await Promise.all([listOwnTokens(user.id, new Date()), currentPolicySettings()]);
  return (
    <>
      <PageHeader
        title="My API tokens"
        description={<>Personal tokens call <code>/api/v1</code> as you, with your current role: they stop working when you are disabled. Send one as <code>Authorization: Bearer &lt;token&gt;</code>.</>}
      />
      <section aria-labelledby="new-token" className="mb-10">
        <h2 id="new-token" className="mb-3 text-lg font-semibold">New token</h2>
        <CreateTokenForm action={createPersonalTokenAction} maxLifetimeDays={TOKEN_MAX_LIFETIME_DAYS} />
      </section>
      <section aria-labelledby="my-tokens">
        <h2 id="my-tokens" className="mb-3 text-lg font-semibold">Your tokens</h2>
        <TokenTable tokens={tokens} timeZone={policy.timeZone} revokeAction={revokeApiTokenAction} caption="Your personal tokens, newest first" />
      </section>
    </>
  );
}
