'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState, type FormValues } from '@/lib/actions/action-state';
import { CHANGE_CLASSES, CHANGE_CLASS_INFO, RISK_LEVELS } from '@/lib/policy/change-class';
import { INCIDENT_FIELD_PREFIX } from '@/lib/schemas/change-request-form';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Option = { id: string; name: string };

type IncidentOption = { id: string; reference: string; title: string; severity: string; isActive: boolean };

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
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

function CheckboxGroup({ name, legend, options, chosen, errors }: Readonly<{ name: string; legend: string; options: (Option & { hint?: string })[]; chosen: Set<string>; errors?: string[] }>) {
  return (
    <fieldset aria-describedby={errors ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-2 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={option.id} defaultChecked={chosen.has(option.id)} />
            {option.name} {option.hint ? <span className="text-slate-600">({option.hint})</span> : null}
          </label>
        ))}
      </div>
      {errors ? <p id={`${name}-error`} className="mt-1 text-sm text-red-700">{errors.join(' ')}</p> : null}
    </fieldset>
  );
}

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
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const values: FormValues = state.status === 'error' && state.values ? state.values : initial;
  const text = (name: string) => { const value = values[name]; return typeof value === 'string' ? value : undefined; };
  const chosen = (name: string) => new Set([values[name] ?? []].flat());
  const textField = (name: string, label: string, hint: string, rows?: number) => (
    <Field id={name} label={label} hint={hint} errors={errors?.[name]}>
      {(describedBy, invalid) => rows
        ? <textarea id={name} name={name} rows={rows} defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />
        : <input id={name} name={name} defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
    </Field>
  );
  return (
    // Keyed by the values shown: React resets a form after its action, and a select only takes a new
    // default when it is mounted again, so a refused form would otherwise lose the choices made.
    <form key={JSON.stringify(values)} action={formAction} className="max-w-3xl space-y-6" noValidate>
      {editing ? (
        <>
          <input type="hidden" name="changeId" value={editing.changeId} />
          <input type="hidden" name="version" value={editing.version} />
        </>
      ) : null}
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
        <Field id="risk" label="Risk" errors={errors?.risk}>
          {(describedBy, invalid) => (
            <select id="risk" name="risk" defaultValue={text('risk') ?? 'low'} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
              {RISK_LEVELS.map((risk) => <option key={risk} value={risk}>{risk[0]!.toUpperCase() + risk.slice(1)}</option>)}
            </select>
          )}
        </Field>
        <Field id="teamId" label="Team" errors={errors?.teamId}>
          {(describedBy, invalid) => (
            <select id="teamId" name="teamId" defaultValue={text('teamId') ?? ''} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
              <option value="" disabled>Choose a team</option>
              {teams.map((team) => <option key={team.id} value={team.id}>{team.name}</option>)}
            </select>
          )}
        </Field>
      </div>
      <CheckboxGroup name="serviceIds" legend="Services affected" options={services.map((service) => ({ ...service, hint: service.teamName }))} chosen={chosen('serviceIds')} errors={errors?.serviceIds} />
      <CheckboxGroup name="environmentIds" legend="Environments it deploys to" options={environments} chosen={chosen('environmentIds')} errors={errors?.environmentIds} />
      <IncidentLinks incidents={incidents} values={values} errors={errors?.incidentLinks} />
      {textField('pullRequestUrls', 'Pull requests', 'One http(s) link per line. Changing them needs fresh approvals.', 3)}
      {textField('changedPaths', 'Changed paths (scope)', 'One repository path per line, as in the pull request. They decide the minimum class.', 4)}
      <Field id="prLabel" label="Class label on the pull request" hint="As CI reports it; blank if none." errors={errors?.prLabel}>
        {(describedBy, invalid) => (
          <select id="prLabel" name="prLabel" defaultValue={text('prLabel') ?? ''} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="">No label</option>
            {CHANGE_CLASSES.map((changeClass) => <option key={changeClass} value={changeClass}>{CHANGE_CLASS_INFO[changeClass].label}</option>)}
          </select>
        )}
      </Field>
      {textField('adrUrl', 'ADR link', 'Required for major changes (http or https).')}
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Planned window <span className="font-normal text-slate-600">(times in {timeZone})</span></legend>
        <div className="mt-2 grid gap-6 sm:grid-cols-2">
          {(['plannedStart', 'plannedEnd'] as const).map((name) => (
            <Field key={name} id={name} label={name === 'plannedStart' ? 'Starts' : 'Ends'} errors={errors?.[name]}>
              {(describedBy, invalid) => <input id={name} name={name} type="datetime-local" defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
            </Field>
          ))}
        </div>
      </fieldset>
      {textField('rollbackPlan', 'Rollback plan', 'How to undo it, and when you would.', 4)}
      {textField('notes', 'Notes', 'Anything else reviewers or auditors should know.', 3)}
      <CheckboxGroup name="coAuthorIds" legend="Co-authors (they cannot approve it either)" options={people} chosen={chosen('coAuthorIds')} errors={errors?.coAuthorIds} />
      <div className="flex items-center gap-4">
        <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
