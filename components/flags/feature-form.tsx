'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

export type FeatureFormValues = { key: string; name: string; description: string; teamId: string };

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** The teams the user may record features for. */
  teams: readonly { id: string; name: string }[];
  initial?: FeatureFormValues;
  /** The feature's id and version when editing (optimistic concurrency). */
  hidden?: { featureId: string; expectedVersion: number };
  submitLabel: string;
};

/** A user-facing feature: key (kebab case), name, description and the team that runs it. */
export function FeatureForm({ action, teams, initial, hidden, submitLabel }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  // After a refusal React resets the form: show what was typed rather than the old values.
  const echoed = state.status === 'error' ? state.values : undefined;
  const text = (name: keyof FeatureFormValues) => (typeof echoed?.[name] === 'string' ? echoed[name] : initial?.[name] ?? '');
  return (
    <form key={hidden?.expectedVersion} action={formAction} className="max-w-xl space-y-5" noValidate>
      {hidden ? (
        <>
          <input type="hidden" name="featureId" value={hidden.featureId} />
          <input type="hidden" name="expectedVersion" value={hidden.expectedVersion} />
        </>
      ) : null}
      <Field id="feature-key" label="Key" hint='Lowercase kebab case, as in flag keys: e.g. "new-checkout".' errors={errors?.key}>
        {(describedBy, invalid) => <input id="feature-key" name="key" defaultValue={text('key')} maxLength={60} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="feature-name" label="Name" errors={errors?.name}>
        {(describedBy, invalid) => <input id="feature-name" name="name" defaultValue={text('name')} maxLength={100} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="feature-description" label="Description" hint="What users can do with it." errors={errors?.description}>
        {(describedBy, invalid) => <textarea id="feature-description" name="description" rows={3} defaultValue={text('description')} maxLength={2000} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="feature-team" label="Team" errors={errors?.teamId}>
        {(describedBy, invalid) => (
          <select id="feature-team" name="teamId" defaultValue={text('teamId')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">Choose a team</option>
            {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
          </select>
        )}
      </Field>
      <div className="flex items-center gap-4">
        <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
