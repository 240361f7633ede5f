'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { Field } from '@/components/ui/field';
import { BUTTON_DANGER, INPUT } from '@/components/ui/styles';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const errorsOf = (state: ActionState, ...fields: string[]) => (state.status === 'error' ? fields.flatMap((field) => state.fieldErrors?.[field] ?? []) : []);
const valueOf = (state: ActionState, field: string) => (state.status === 'error' && typeof state.values?.[field] === 'string' ? state.values[field] : undefined);

type GrantProps = {
  action: Action;
  changeId: string;
  /** The override in force that this grant replaces, if any. */
  supersedes: string | null;
  maxHours: number;
  timeZone: string;
  requesters: { id: string; name: string }[];
  /** The default requester: the change's author. */
  authorId: string;
};

/** Grant (or replace) the change's override: justification, expiry, and who asked for it. */
export function GrantOverrideForm({ action, changeId, supersedes, maxHours, timeZone, requesters, authorId }: Readonly<GrantProps>) {
  const [state, formAction] = useActionState(action, IDLE);
  const expiryErrors = errorsOf(state, 'expiresAt', 'expiresInHours');
  return (
    // Keyed by the result, so a success clears the fields and a refusal shows what was typed.
    <form key={state.status === 'ok' ? 'granted' : 'editing'} action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="changeId" value={changeId} />
      <input type="hidden" name="supersedes" value={supersedes ?? ''} />
      <Field id="override-justification" label="Justification" hint="Why the freeze must be overridden for this change (at least 20 characters). It is logged as written." errors={errorsOf(state, 'justification')}>
        {(describedBy, invalid) => <textarea id="override-justification" name="justification" rows={3} defaultValue={valueOf(state, 'justification')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <fieldset className="space-y-2" aria-describedby={expiryErrors.length ? 'override-expiry-error' : 'override-expiry-hint'}>
        <legend className="text-sm font-medium text-slate-800">Expiry</legend>
        <p id="override-expiry-hint" className="text-xs text-slate-600">Fill one: hours from now, or a date and time in {timeZone}. At most {maxHours} hours.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="override-hours" className="block text-sm text-slate-800">Hours from now</label>
            <input id="override-hours" name="expiresInHours" type="number" min={1} max={maxHours} step="any" inputMode="decimal" defaultValue={valueOf(state, 'expiresInHours')} className={INPUT} aria-invalid={expiryErrors.length > 0} />
          </div>
          <div className="space-y-1">
            <label htmlFor="override-until" className="block text-sm text-slate-800">Or until ({timeZone})</label>
            <input id="override-until" name="expiresAtLocal" type="datetime-local" defaultValue={valueOf(state, 'expiresAtLocal')} className={INPUT} aria-invalid={expiryErrors.length > 0} />
          </div>
        </div>
        {expiryErrors.length ? <p id="override-expiry-error" className="text-sm text-red-700">{[...new Set(expiryErrors)].join(' ')}</p> : null}
      </fieldset>
      <Field id="override-requester" label="Requested by" hint="Who asked for the override; the change's author unless you name someone else." errors={errorsOf(state, 'requestedById')}>
        {(describedBy, invalid) => (
          <select id="override-requester" name="requestedById" defaultValue={valueOf(state, 'requestedById') ?? authorId} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
            {requesters.map((person) => <option key={person.id} value={person.id}>{person.name}</option>)}
          </select>
        )}
      </Field>
      <SubmitButton pendingText="Granting…">{supersedes ? 'Replace the override' : 'Grant override'}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** Ends the override at once, with the reason. */
export function RevokeOverrideForm({ action, changeId, overrideId }: Readonly<{ action: Action; changeId: string; overrideId: string }>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <input type="hidden" name="changeId" value={changeId} />
      <input type="hidden" name="overrideId" value={overrideId} />
      <Field id="override-revoke-reason" label="Reason to revoke" errors={errorsOf(state, 'reason')}>
        {(describedBy, invalid) => <input id="override-revoke-reason" name="reason" defaultValue={valueOf(state, 'reason')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <SubmitButton className={BUTTON_DANGER} pendingText="Revoking…">Revoke override</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
