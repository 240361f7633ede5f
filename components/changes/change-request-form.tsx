'use client';

import type { FormValues } from '@/lib/actions/action-state';
import { CHANGE_CLASSES, CHANGE_CLASS_INFO, RISK_LEVELS } from '@/lib/policy/change-class';
import { INCIDENT_FIELD_PREFIX } from '@/lib/schemas/change-request-form';
import { FormFooter, HiddenFields, type FormAction } from '@/components/ui/action-form';
import { CheckboxGroup } from '@/components/ui/checkbox-group';
import { INPUT } from '@/components/ui/styles';
import { SelectField, namedOptions } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useRecordForm } from '@/components/ui/use-record-form';

type Option = { id: string; name: string };

const RISK_OPTIONS = RISK_LEVELS.map((risk) => ({ value: risk, label: risk[0]!.toUpperCase() + risk.slice(1) }));
const CLASS_OPTIONS = CHANGE_CLASSES.map((changeClass) => ({ value: changeClass, label: CHANGE_CLASS_INFO[changeClass].label }));

type IncidentOption = { id: string; reference: string; title: string; severity: string; isActive: boolean };

type Props = {
  action: FormAction;
  teams: Option[];
  services: (Option & { teamName: string })[];
  environments: Option[];
  people: Option[];
  /** Incidents the change may be linked to: recent or still active, and those it is linked to already. */
  incidents: IncidentOption[];
  /** The values shown first: the change being edited, or defaults for a new one. */
  initial: FormValues;
  /** Present when editing: the record version the form was loaded at. */
  editing?: { changeId: string; version: number };
  submitLabel: string;
  /** The policy zone in which the planned window is typed. */
  timeZone: string;
};

/** One select per incident, so each states plainly how this change relates to it. */
function IncidentLinks({ incidents, values, errors }: Readonly<{ incidents: IncidentOption[]; values: FormValues; errors?: string[] }>) {
  return (
    <fieldset aria-describedby={[incidents.length ? 'incidentLinks-hint' : '', errors ? 'incidentLinks-error' : ''].filter(Boolean).join(' ') || undefined}>
      <legend className="text-sm font-medium text-slate-800">Linked incidents</legend>
      {incidents.length ? (
        <>
          <p id="incidentLinks-hint" className="text-xs text-slate-600">Incidents of the last 90 days and those still active. A change linked as the fix of an active SEV1 or SEV2 may deploy during it. Linking keeps approvals.</p>
          <div className="mt-2 space-y-2">
            {incidents.map((incident) => {
              const name = `${INCIDENT_FIELD_PREFIX}${incident.id}`;
              const id = `incident-${incident.id}`;
              const value = [values[name] ?? ''].flat().join(',');
              return (
                <div key={incident.id} className="grid gap-1 sm:grid-cols-2 sm:items-center">
                  <label htmlFor={id} className="text-sm">
                    {incident.reference} · {incident.severity.toUpperCase()} · {incident.title} <span className="text-slate-600">({incident.isActive ? 'active' : 'resolved'})</span>
                  </label>
                  <select id={id} name={name} defaultValue={value} className={INPUT} aria-invalid={Boolean(errors)}>
                    <option value="">Not linked</option>
                    <option value="fixes">This change fixes it</option>
                    <option value="caused">This incident was caused by this change</option>
                    {value === 'fixes,caused' || value === 'caused,fixes' ? <option value={value}>This change fixes it and caused it</option> : null}
                  </select>
                </div>
              );
            })}
          </div>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">No incidents recorded.</p>
      )}
      {errors ? <p id="incidentLinks-error" className="mt-1 text-sm text-red-700">{errors.join(' ')}</p> : null}
    </fieldset>
  );
}

/** Files or edits a change request. The server validates again; errors come back per field. */
export function ChangeRequestForm({ action, teams, services, environments, people, incidents, initial, editing, submitLabel, timeZone }: Readonly<Props>) {
  const { state, formAction, errors, values, text, chosen } = useRecordForm(action, initial);
  const textField = (name: string, label: string, hint: string, rows?: number) => (
    <TextField id={name} label={label} hint={hint} errors={errors?.[name]} rows={rows} defaultValue={text(name)} />
  );
  return (
    // Keyed by the values shown: React resets a form after its action, and a select only takes a new
    // default when it is mounted again, so a refused form would otherwise lose the choices made.
    <form key={JSON.stringify(values)} action={formAction} className="max-w-3xl space-y-6" noValidate>
      {editing ? <HiddenFields values={{ changeId: editing.changeId, version: editing.version }} /> : null}
      {textField('title', 'Title', 'What changes, in one line (5–200 characters).')}
      {textField('description', 'Description', 'Why, what is affected, how it was tested. Editing it keeps approvals.', 6)}
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
        <SelectField id="risk" label="Risk" errors={errors?.risk} defaultValue={text('risk') ?? 'low'} options={RISK_OPTIONS} />
        <SelectField id="teamId" label="Team" errors={errors?.teamId} defaultValue={text('teamId') ?? ''} placeholder={{ label: 'Choose a team', isDisabled: true }} options={namedOptions(teams)} />
      </div>
      <CheckboxGroup name="serviceIds" legend="Services affected" options={services.map((service) => ({ ...service, hint: service.teamName }))} chosen={chosen('serviceIds')} errors={errors?.serviceIds} />
      <CheckboxGroup name="environmentIds" legend="Environments it deploys to" options={environments} chosen={chosen('environmentIds')} errors={errors?.environmentIds} />
      <IncidentLinks incidents={incidents} values={values} errors={errors?.incidentLinks} />
      {textField('pullRequestUrls', 'Pull requests', 'One http(s) link per line. Changing them needs fresh approvals.', 3)}
      {textField('changedPaths', 'Changed paths (scope)', 'One repository path per line, as in the pull request. They decide the minimum class.', 4)}
      <SelectField
        id="prLabel" label="Class label on the pull request" hint="As CI reports it; blank if none." errors={errors?.prLabel}
        defaultValue={text('prLabel') ?? ''} placeholder={{ label: 'No label' }} options={CLASS_OPTIONS}
      />
      {textField('adrUrl', 'ADR link', 'Required for major changes (http or https).')}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Planned window <span className="font-normal text-slate-600">(times in {timeZone})</span></legend>
        <div className="mt-2 grid gap-6 sm:grid-cols-2">
          {(['plannedStart', 'plannedEnd'] as const).map((name) => (
            <TextField key={name} id={name} type="datetime-local" label={name === 'plannedStart' ? 'Starts' : 'Ends'} errors={errors?.[name]} defaultValue={text(name)} />
          ))}
        </div>
      </fieldset>
      {textField('rollbackPlan', 'Rollback plan', 'How to undo it, and when you would.', 4)}
      {textField('notes', 'Notes', 'Anything else reviewers or auditors should know.', 3)}
      <CheckboxGroup name="coAuthorIds" legend="Co-authors (they cannot approve it either)" options={people} chosen={chosen('coAuthorIds')} errors={errors?.coAuthorIds} />
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}
