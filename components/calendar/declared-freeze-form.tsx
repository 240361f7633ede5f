'use client';

import type { FormValues } from '@/lib/actions/action-state';
import { FREEZE_REASON_MAX } from '@/lib/schemas/calendar';
import { FormFooter, HiddenFields, type FormAction } from '@/components/ui/action-form';
import { CheckboxGroup, type CheckboxOption } from '@/components/ui/checkbox-group';
import { TextField } from '@/components/ui/text-field';
import { useRecordForm } from '@/components/ui/use-record-form';

const ALL_WHEN_EMPTY = 'Leave empty for all.';

type Props = {
  action: FormAction;
  services: CheckboxOption[];
  environments: CheckboxOption[];
  /** The values shown first: the freeze being edited (times as `datetime-local` text), or blanks. */
  initial: FormValues;
  /** Present when editing: the freeze and the version the form was loaded at. */
  editing?: { freezeId: string; version: number };
  submitLabel: string;
  /** The policy zone in which start and end are typed. */
  timeZone: string;
};

/** Declares or edits a freeze period. The server validates again; errors come back per field. */
export function DeclaredFreezeForm({ action, services, environments, initial, editing, submitLabel, timeZone }: Readonly<Props>) {
  const { state, formAction, errors, values, text, chosen } = useRecordForm(action, initial);
  return (
    // Keyed by the values shown: React resets a form after its action, and checkboxes only take new
    // defaults when mounted again, so a refused form would otherwise lose what was ticked.
    <form key={JSON.stringify(values)} action={formAction} className="max-w-3xl space-y-6" noValidate>
      {editing ? <HiddenFields values={{ freezeId: editing.freezeId, expectedVersion: editing.version }} /> : null}
      <TextField id="reason" label="Reason" hint="Why nothing but emergency changes may deploy, e.g. “Year-end close”." errors={errors?.reason} rows={3} maxLength={FREEZE_REASON_MAX} defaultValue={text('reason')} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Period <span className="font-normal text-slate-600">(times in {timeZone}; the freeze ends at its end time)</span></legend>
        <div className="mt-2 grid gap-6 sm:grid-cols-2">
          {(['startsAt', 'endsAt'] as const).map((name) => (
            <TextField key={name} id={name} type="datetime-local" label={name === 'startsAt' ? `Starts (${timeZone})` : `Ends (${timeZone})`} errors={errors?.[name]} defaultValue={text(name)} />
          ))}
        </div>
      </fieldset>
      <CheckboxGroup name="serviceIds" legend="Limited to services" hint={ALL_WHEN_EMPTY} options={services} chosen={chosen('serviceIds')} errors={errors?.serviceIds} />
      <CheckboxGroup name="environmentIds" legend="Limited to environments" hint={ALL_WHEN_EMPTY} options={environments} chosen={chosen('environmentIds')} errors={errors?.environmentIds} />
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}
