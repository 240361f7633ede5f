'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Props = { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; redirectTo: string };

export function PasswordSignInForm({ action, redirectTo }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const email = state.status === 'error' && typeof state.values?.email === 'string' ? state.values.email : undefined;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field id="email" label="Email" errors={errors?.email}>
        {(describedBy, invalid) => <input id="email" name="email" type="email" defaultValue={email} autoComplete="username" required className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="password" label="Password" errors={errors?.password}>
        {(describedBy, invalid) => <input id="password" name="password" type="password" autoComplete="current-password" required className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <SubmitButton pendingText="Signing in…" className="w-full rounded-md bg-indigo-700 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-800 disabled:opacity-60">Sign in</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
