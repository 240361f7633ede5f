'use client';

import type { FormValues } from '@/lib/actions/action-state';
import { INCIDENT_SEVERITIES, SEVERITY_LABEL, type IncidentSeverity } from '@/lib/policy/incident';
import { FormFooter, HiddenFields, type FormAction } from '@/components/ui/action-form';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { SelectField, namedOptions } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useRecordForm } from '@/components/ui/use-record-form';

type Option = { id: string; name: string };

const SEVERITY_HINT: Record<IncidentSeverity, string> = {
  sev1: 'critical: holds every change not linked to it as its fix',
  sev2: 'major: holds every change not linked to it as its fix',
  sev3: 'minor: deploys continue',
  sev4: 'low: deploys continue',
};

type Props = {
  action: FormAction;
  commanders: Option[];
  services: (Option & { teamName: string })[];
  /** The values shown first: the incident being edited, or defaults for a new one. */
  initial: FormValues;
  /** Present when editing: the incident and the record version the form was loaded at. */
  editing?: { incidentId: string; version: number };
  submitLabel: string;
  /** The policy zone in which times are typed. */
  timeZone: string;
};

/** Declares or edits an incident. The server validates again; errors come back per field. */
export function IncidentForm({ action, commanders, services, initial, editing, submitLabel, timeZone }: Readonly<Props>) {
  const { state, formAction, errors, values, text, chosen } = useRecordForm(action, initial);
  const timeField = (name: 'startedAt' | 'resolvedAt', label: string, hint: string) => (
    <TextField id={name} type="datetime-local" label={label} hint={hint} errors={errors?.[name]} defaultValue={text(name)} />
  );
  return (
    // Keyed by the values shown: React resets a form after its action, and selects only take a new
    // default when mounted again, so a refused form would otherwise lose the choices made.
    <form key={JSON.stringify(values)} action={formAction} className="max-w-3xl space-y-6" noValidate>
      {editing ? (
        <>
          <HiddenFields values={{ incidentId: editing.incidentId, version: editing.version }} />
          {/* The start as loaded: left untouched, it is not sent as an edit (see incidentEditFromForm). */}
          <input type="hidden" name="startedAtShown" value={typeof initial.startedAt === 'string' ? initial.startedAt : ''} />
        </>
      ) : null}
      <TextField id="title" label="Title" hint="What is broken, in one line (up to 200 characters)." errors={errors?.title} defaultValue={text('title')} />
      <fieldset aria-describedby={errors?.severity ? 'severity-error' : undefined}>
        <legend className="text-sm font-medium text-slate-800">Severity</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {INCIDENT_SEVERITIES.map((severity) => (
            <label key={severity} className="flex gap-3 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-indigo-700 has-[:checked]:ring-1 has-[:checked]:ring-indigo-700">
              <input type="radio" name="severity" value={severity} defaultChecked={severity === text('severity')} className="mt-1" />
              <span><span className="font-medium">{SEVERITY_LABEL[severity]}</span> <span className="text-slate-600">— {SEVERITY_HINT[severity]}</span></span>
            </label>
          ))}
        </div>
        {errors?.severity ? <p id="severity-error" className="mt-1 text-sm text-red-700">{errors.severity.join(' ')}</p> : null}
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Times <span className="font-normal text-slate-600">(in {timeZone})</span></legend>
        <div className="mt-2 grid gap-6 sm:grid-cols-2">
          {timeField('startedAt', 'Started', 'When service was first affected.')}
          {editing ? null : timeField('resolvedAt', 'Resolved (optional)', 'Leave blank while it is still going on.')}
        </div>
      </fieldset>
      <SelectField
        id="commanderId" label="Incident commander (IC)" hint="Any active engineer, manager or admin. The IC may edit, resolve and reopen the incident." errors={errors?.commanderId}
        defaultValue={text('commanderId') ?? ''} placeholder={{ label: 'Choose the commander', isDisabled: true }} options={namedOptions(commanders)}
      />
      <CheckboxGroup
        name="serviceIds" legend="Services affected" hint="Leave all unticked if not known yet."
        options={services.map((service) => ({ ...service, hint: service.teamName }))} chosen={chosen('serviceIds')} errors={errors?.serviceIds}
      />
      <TextField id="summary" label="Summary" hint="What happened and who is affected (up to 5,000 characters)." errors={errors?.summary} rows={5} defaultValue={text('summary')} />
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}
