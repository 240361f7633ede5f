'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/lib/auth/auth';
import { actionError, type ActionState } from '@/lib/actions/action-state';
import { env } from '@/lib/env';
import { OIDC_PROVIDER_ID, RATE_LIMITED_SIGN_IN } from '@/lib/auth/auth';
import { signInWindowMinutes } from '@/lib/server/rate-limits/rate-limit-rules';
import { localPathOrNull } from '@/lib/format/local-path';

const ZPasswordSignIn = z.object({
  email: z.string().trim().min(1, 'Enter your email.').pipe(z.email('Enter a valid email.')),
  password: z.string().min(1, 'Enter your password.'),
});

/** Only same-site paths, so a crafted link cannot bounce a user to another site after sign-in. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return (typeof value === 'string' ? localPathOrNull(value) : null) ?? '/changes';
}

function signInRefusal(code: unknown): string {
  if (code === 'inactive') return 'This account is disabled. Ask an admin.';
  if (code === RATE_LIMITED_SIGN_IN) return `Too many sign-in attempts for this account or network. Wait up to ${signInWindowMinutes()} minutes, then try again.`;
  return 'Wrong email or password.';
}

export async function signInWithPasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (!env().CHANGEBOARD_DEMO_SIGN_IN) return actionError('Password sign-in is disabled on this instance.');
  const parsed = ZPasswordSignIn.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) return actionError('Check the fields.', z.flattenError(parsed.error).fieldErrors, { email: String(formData.get('email') ?? '') });
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: safeRedirect(formData.get('redirectTo')) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = error.type === 'CredentialsSignin' && 'code' in error ? error.code : null;
      return actionError(signInRefusal(code), undefined, { email: parsed.data.email });
    }
    throw error; // includes the redirect that completes a successful sign-in
  }
  return actionError('Sign-in did not complete.');
}

export async function signInWithSsoAction(formData: FormData): Promise<void> {
  await signIn(OIDC_PROVIDER_ID, { redirectTo: safeRedirect(formData.get('redirectTo')) });
}
