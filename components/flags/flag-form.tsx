'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { FLAG_TYPES, FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { Field } from '@/components/ui/field';
import { FormFooter, HiddenFields, type FormAction } from '@/components/ui/action-form';
import { INPUT } from '@/components/ui/styles';

export type FlagFormValues = { key: string; teamId: string; type: string; ownerId: string; purpose: string; featureId: string; rolloutPercent: string };

type Option = { id: string; label: string };

type Props = {
  action: FormAction;
  teams: readonly Option[];
  people: readonly Option[];
  features: readonly Option[];
  initial: FlagFormValues;
  /** The flag's id and version when editing (optimistic concurrency); its key is then fixed. */
  hidden?: { flagId: string; expectedVersion: number };
  submitLabel: string;
};

/** A flag of the inventory: key `[team]-[feature]-[type]`, team, type, owner, purpose, feature guarded, rollout. */
export function FlagForm({ action, teams, people, features, initial, hidden, submitLabel }: Readonly<Props>) {
  const [state, formAction] = useActionState<ActionState, FormData>(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  // After a refusal React resets the form: show what was typed rather than the old values.
  const echoed = state.status === 'error' ? state.values : undefined;
  const text = (name: keyof FlagFormValues) => (typeof echoed?.[name] === 'string' ? echoed[name] : initial[name]);
  const select = (id: string, name: keyof FlagFormValues, label: string, options: readonly Option[], empty: string, hint?: string) => (
    <Field id={id} label={label} hint={hint} errors={errors?.[name]}>
      {(describedBy, invalid) => (
        <select id={id} name={name} defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
          <option value="">{empty}</option>
          {options.map((option) => <option key={option.id} value={option.id}>{option.label}</option>)}
        </select>
      )}
    </Field>
  );
  return (
    <form key={hidden?.expectedVersion} action={formAction} className="max-w-xl space-y-5" noValidate>
      {hidden ? <HiddenFields values={hidden} /> : null}
      <Field id="flag-key" label="Key" hint={hidden ? 'Keys never change: code and SDKs refer to them.' : 'Team, feature and type in lowercase kebab case, e.g. payments-new-checkout-release (CTRL-012.4).'} errors={errors?.key}>
        {(describedBy, invalid) => <input id="flag-key" name="key" defaultValue={text('key')} readOnly={Boolean(hidden)} maxLength={100} className={`${INPUT} font-mono`} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      {select('flag-team', 'teamId', 'Team', teams, 'Choose a team')}
      {select('flag-type', 'type', 'Type', FLAG_TYPES.map((type) => ({ id: type, label: FLAG_TYPE_LABEL[type] })), 'Choose a type', 'Release: temporary; ops: kill switch; experiment: A/B test; permission: entitlement.')}
      {select('flag-owner', 'ownerId', 'Owner', people, 'Choose an owner', 'Answers for the flag in the monthly audit.')}
      <Field id="flag-purpose" label="Purpose" hint="What the flag is for." errors={errors?.purpose}>
        {(describedBy, invalid) => <textarea id="flag-purpose" name="purpose" rows={3} defaultValue={text('purpose')} maxLength={1000} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      {select('flag-feature', 'featureId', 'Feature guarded', features, 'None', 'The user-facing feature it switches; an ops flag here is its kill switch.')}
      <Field id="flag-rollout" label="Rollout (%)" hint="Whole percent, 0 to 100. The first 100 % starts a release flag's TTL." errors={errors?.rolloutPercent}>
        {(describedBy, invalid) => <input id="flag-rollout" name="rolloutPercent" type="number" min={0} max={100} step={1} defaultValue={text('rolloutPercent')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}
