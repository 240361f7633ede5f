'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { CHANGE_CLASSES, CHANGE_CLASS_INFO, RISK_LEVELS } from '@/lib/policy/change-class';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Option = { id: string; name: string };

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  teams: Option[];
  services: (Option & { teamName: string })[];
  defaultTeamId: string | null;
};

/** Files a draft change request. The server validates again; errors come back per field. */
export function ChangeRequestForm({ action, teams, services, defaultTeamId }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values = state.status === 'error' ? state.values : undefined;
  const text = (name: string) => (typeof values?.[name] === 'string' ? values[name] : undefined);
  const chosenServices = new Set([values?.serviceIds ?? []].flat());
  return (
    <form action={formAction} className="max-w-3xl space-y-6" noValidate>
      <Field id="title" label="Title" hint="What changes, in one line (5–200 characters)." errors={errors?.title}>
        {(describedBy, invalid) => <input id="title" name="title" defaultValue={text('title')} required maxLength={200} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <Field id="description" label="Description" hint="Why, what is affected, how it was tested." errors={errors?.description}>
        {(describedBy, invalid) => <textarea id="description" name="description" defaultValue={text('description')} rows={6} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <fieldset aria-describedby={errors?.changeClass ? 'changeClass-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Class (CTRL-012.1)</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {CHANGE_CLASSES.map((changeClass) => (
            <label key={changeClass} className="flex gap-3 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-indigo-700 has-[:checked]:ring-1 has-[:checked]:ring-indigo-700">
              <input type="radio" name="changeClass" value={changeClass} defaultChecked={changeClass === (text('changeClass') ?? 'standard')} className="mt-1" />
              <span>
                <span className="block font-medium">{CHANGE_CLASS_INFO[changeClass].label}</span>
                <span className="block text-slate-600">{CHANGE_CLASS_INFO[changeClass].risk}. Approval: {CHANGE_CLASS_INFO[changeClass].approval}.</span>
              </span>
            </label>
          ))}
        </div>
        {errors?.changeClass ? <p id="changeClass-error" className="mt-1 text-sm text-red-700">{errors.changeClass.join(' ')}</p> : null}
      </fieldset>
      <div className="grid gap-6 sm:grid-cols-2">
        <Field id="risk" label="Risk" errors={errors?.risk}>
          {(describedBy, invalid) => (
            <select id="risk" name="risk" defaultValue={text('risk') ?? 'low'} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
              {RISK_LEVELS.map((risk) => <option key={risk} value={risk}>{risk[0]!.toUpperCase() + risk.slice(1)}</option>)}
            </select>
          )}
        </Field>
        <Field id="teamId" label="Team" errors={errors?.teamId}>
          {(describedBy, invalid) => (
            <select id="teamId" name="teamId" defaultValue={text('teamId') ?? defaultTeamId ?? ''} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="" disabled>Choose a team</option>
              {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          )}
        </Field>
      </div>
      <fieldset aria-describedby={errors?.serviceIds ? 'serviceIds-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Services affected</legend>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {services.map((service) => (
            <label key={service.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="serviceIds" value={service.id} defaultChecked={chosenServices.has(service.id)} />
              {service.name} <span className="text-slate-600">({service.teamName})</span>
            </label>
          ))}
        </div>
        {errors?.serviceIds ? <p id="serviceIds-error" className="mt-1 text-sm text-red-700">{errors.serviceIds.join(' ')}</p> : null}
      </fieldset>
      <div className="flex items-center gap-4">
        <SubmitButton pendingText="Saving…">Save draft</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
