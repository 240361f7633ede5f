'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  maxLifetimeDays: number;
  /** Service tokens only: the scopes to choose from, with what each allows. */
  scopes?: { name: string; description: string }[];
};

/** Mints a token and shows its secret once; the server keeps only a hash of it. */
export function CreateTokenForm({ action, maxLifetimeDays, scopes }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const chosenScopes = new Set([values?.scopes ?? []].flat());
  return (
    <div className="space-y-4">
      <form action={formAction} className="max-w-xl space-y-5" noValidate>
        <Field id="token-name" label="Name" hint="What uses it, e.g. “deploy pipeline” or “laptop”." errors={errors?.name}>
          {(describedBy, invalid) => <input id="token-name" name="name" defaultValue={typeof values?.name === 'string' ? values.name : undefined} maxLength={100} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field id="token-lifetime" label="Lifetime in days (optional)" hint={`1 to ${maxLifetimeDays}; leave empty for a token that does not expire.`} errors={errors?.lifetimeDays}>
          {(describedBy, invalid) => (
            <input id="token-lifetime" name="lifetimeDays" type="number" inputMode="numeric" min={1} max={maxLifetimeDays} defaultValue={typeof values?.lifetimeDays === 'string' ? values.lifetimeDays : undefined} className={`${INPUT} max-w-40`} aria-describedby={describedBy} aria-invalid={invalid} />
          )}
        </Field>
        {scopes ? (
          <fieldset aria-describedby={errors?.scopes ? 'scopes-error' : undefined}>
            <legend className="text-sm font-medium text-slate-800">Scopes</legend>
            <div className="mt-2 space-y-2">
              {scopes.map((scope) => (
                <label key={scope.name} className="flex gap-3 text-sm">
                  <input type="checkbox" name="scopes" value={scope.name} defaultChecked={chosenScopes.has(scope.name)} className="mt-1 size-4" />
                  <span>
                    <code className="font-medium">{scope.name}</code>
                    <span className="block text-slate-600">{scope.description}</span>
                  </span>
                </label>
              ))}
            </div>
            {errors?.scopes ? <p id="scopes-error" className="mt-1 text-sm text-red-700">{errors.scopes.join(' ')}</p> : null}
          </fieldset>
        ) : null}
        <div className="flex items-center gap-4">
          <SubmitButton pendingText="Creating…">Create token</SubmitButton>
          <FormMessage state={state} />
        </div>
      </form>
      {state.status === 'ok' && state.secret ? <NewSecret secret={state.secret} /> : null}
    </div>
  );
}

function NewSecret({ secret }: Readonly<{ secret: string }>) {
  return (
    <section aria-labelledby="new-token-secret" className="max-w-3xl rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h3 id="new-token-secret" className="font-semibold text-amber-950">Copy the new token now</h3>
      <p className="mt-1 text-sm text-amber-950">
        <strong>Warning:</strong> it will not be shown again. Store it in your pipeline’s secret store or password manager.
      </p>
      <code className="mt-3 block select-all break-all rounded border border-amber-300 bg-white p-3 font-mono text-sm">{secret}</code>
    </section>
  );
}
