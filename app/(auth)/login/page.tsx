import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { env } from '@/lib/env';
import { localPathOrNull } from '@/lib/format/local-path';
import { currentUser } from '@/lib/auth/session-user';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { DemoBanner } from '@/components/shell/demo-banner';
import { PasswordSignInForm } from '@/components/auth/password-sign-in-form';
import { BUTTON_SECONDARY } from '@/components/ui/styles';
import { signInWithPasswordAction, signInWithSsoAction } from './actions';

export const metadata: Metadata = { title: 'Sign in' };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

/** Auth.js sends refused sign-ins back here as `?error=<code>`. */
function signInErrorMessage(code: string): string {
  switch (code) {
    case 'AccessDenied':
      return 'Your account is disabled or not allowed to sign in.';
    // The identity is new but its email belongs to a user it is not linked to: Changeboard never links by email.
    case 'OAuthAccountNotLinked':
      return 'Your email already belongs to another Changeboard account, which this sign-in is not linked to. Ask an admin.';
    default:
      return 'Sign-in failed. Try again.';
  }
}

export default async function LoginPage({ searchParams }: Readonly<Props>) {
  if (await currentUser()) redirect('/changes');
  const { callbackUrl, error } = await searchParams;
  const settings = env();
  const redirectTo = localPathOrNull(callbackUrl) ?? '/changes';
  return (
    <>
      {settings.CHANGEBOARD_DEMO_SIGN_IN ? <DemoBanner /> : null}
      <main className="mx-auto max-w-md px-6 py-16">
        <h1 className="text-3xl font-semibold tracking-tight">Sign in to Changeboard</h1>
        <p className="mt-2 text-slate-600">Change governance for POL-012: classify, approve, deploy outside freezes, prove it.</p>
        {error ? (
          <p role="status" className="mt-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
            {signInErrorMessage(error)}
          </p>
        ) : null}
        <div className="mt-8 space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {settings.CHANGEBOARD_OIDC_ISSUER ? (
            <form action={signInWithSsoAction}>
              <input type="hidden" name="redirectTo" value={redirectTo} />
              <button type="submit" className={`${BUTTON_SECONDARY} w-full`}>
                Sign in with {settings.CHANGEBOARD_OIDC_NAME}
              </button>
            </form>
          ) : null}
          {settings.CHANGEBOARD_DEMO_SIGN_IN ? <PasswordSignInForm action={signInWithPasswordAction} redirectTo={redirectTo} /> : null}
        </div>
        {settings.CHANGEBOARD_DEMO_SIGN_IN ? (
          <section aria-labelledby="demo-accounts" className="mt-8 text-sm text-slate-700">
            <h2 id="demo-accounts" className="font-medium">Demo accounts</h2>
            <p className="mt-1">Every demo account uses the shared demo secret <code>{DEMO_PASSWORD}</code>.</p>
            <ul className="mt-2 space-y-1">
              {DEMO_ACCOUNTS.map((account) => (
                <li key={account.email}>
                  <code>{account.email}</code> — {account.description}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </main>
    </>
  );
}
