'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  itemId: string;
  /** The item's version as rendered (optimistic concurrency). */
  version: number;
  flagKey: string;
  /** Bounds of the "keep until" date, as local dates (`YYYY-MM-DD`) in the policy zone. */
  minDate: string;
  maxDate: string;
  timeZone: string;
  /** False once the item is decided (or its audit closed): only the outcome of this form stays. */
  isOpen: boolean;
};

/** One audit item's decision: remove the flag, or keep it until a date with a reason. Hooks run before the early return. */
export function FlagAuditDecisionForm({ action, itemId, version, flagKey, minDate, maxDate, timeZone, isOpen }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  // The page re-renders the decided item without a form; the announcement of what was done stays.
  if (!isOpen) return state.status === 'idle' ? null : <div className="mt-3"><FormMessage state={state} /></div>;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const echoed = state.status === 'error' ? state.values : undefined;
  const text = (name: string) => (typeof echoed?.[name] === 'string' ? echoed[name] : '');
  const id = (name: string) => `item-${itemId}-${name}`;
  return (
    <form action={formAction} className="mt-4 space-y-4 border-t border-slate-100 pt-4" noValidate>
      <input type="hidden" name="itemId" value={itemId} />
      <input type="hidden" name="expectedVersion" value={version} />
      <fieldset aria-describedby={errors?.decision ? id('decision-error') : undefined}>
        <legend className="text-sm font-medium text-slate-800">Decision for {flagKey}</legend>
        <div className="mt-2 flex flex-wrap gap-6 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="decision" value="removed" defaultChecked={text('decision') === 'removed'} className="size-4" /> Remove the flag (archive it)
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="decision" value="extended" defaultChecked={text('decision') === 'extended'} className="size-4" /> Keep it until a date, with a reason
          </label>
        </div>
        {errors?.decision ? <p id={id('decision-error')} className="mt-1 text-sm text-red-700">{errors.decision.join(' ')}</p> : null}
      </fieldset>
      <div className="grid gap-4 md:grid-cols-[1fr_auto]">
        <Field id={id('reason')} label="Why it stays (when kept)" hint="At least 10 characters: what still needs the flag." errors={errors?.reason}>
          {(describedBy, invalid) => <textarea id={id('reason')} name="reason" rows={2} maxLength={1000} defaultValue={text('reason')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
        <Field id={id('extendedUntil')} label="Keep until (when kept)" hint={`Stale again from the start of that day (${timeZone}).`} errors={errors?.extendedUntil}>
          {(describedBy, invalid) => <input id={id('extendedUntil')} name="extendedUntil" type="date" min={minDate} max={maxDate} defaultValue={text('extendedUntil')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
        </Field>
      </div>
      <div className="flex items-center gap-4">
        <SubmitButton pendingText="Recording…">Record decision</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
