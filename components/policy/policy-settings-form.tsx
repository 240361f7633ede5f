'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState, type FormValues } from '@/lib/actions/action-state';
import { CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { POLICY_LIMITS, POLICY_LIMIT_NAMES, SCOPE_MINIMUM_CLASSES, ruleField, ruleRowCount } from '@/lib/schemas/policy-settings-form';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** The version in force when the page was loaded; publishing from an older one is refused. */
  basedOn: number;
  /** The version in force as form values, with empty rule rows for adding. */
  initial: FormValues;
  /** IANA zones this runtime knows, offered as suggestions. */
  timeZones: readonly string[];
};

/** Publishes a new policy settings version. The server validates again; errors come back per field and per rule row. */
export function PolicySettingsForm({ action, basedOn, initial, timeZones }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  // After a refusal React resets the form: show what was typed rather than the version in force.
  const values: FormValues = state.status === 'error' && state.values ? state.values : initial;
  const text = (name: string) => { const value = values[name]; return typeof value === 'string' ? value : ''; };
  const rows = Array.from({ length: ruleRowCount(values) }, (_, row) => row);
  return (
    <form key={basedOn} action={formAction} className="max-w-4xl space-y-6" noValidate>
      <input type="hidden" name="expectedVersion" value={basedOn} />
      <Field id="timeZone" label="Time zone" hint="IANA name, e.g. Europe/Berlin: weekly windows and holidays are read in it." errors={errors?.timeZone}>
        {(describedBy, invalid) => (
          <>
            <input id="timeZone" name="timeZone" list="time-zones" defaultValue={text('timeZone')} autoComplete="off" className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />
            <datalist id="time-zones">{timeZones.map((zone) => <option key={zone} value={zone} />)}</datalist>
          </>
        )}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Time limits</legend>
        <div className="mt-2 grid gap-4 sm:grid-cols-2">
          {POLICY_LIMIT_NAMES.map((name) => (
            <Field key={name} id={name} label={POLICY_LIMITS[name].label} hint={`${POLICY_LIMITS[name].min} to ${POLICY_LIMITS[name].max}.`} errors={errors?.[name]}>
              {(describedBy, invalid) => (
                <input id={name} name={name} type="number" inputMode="numeric" min={POLICY_LIMITS[name].min} max={POLICY_LIMITS[name].max} step={1} defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />
              )}
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset aria-describedby={['rules-hint', errors?.classScopeRules ? 'rules-error' : ''].filter(Boolean).join(' ')}>
        <legend className="text-sm font-medium text-slate-800">Class versus scope rules (CTRL-012.1)</legend>
        <p id="rules-hint" className="text-xs text-slate-600">
          A change touching a path that matches a glob, or whose title contains a keyword, needs at least the class chosen. A row with an empty pattern is left out.
        </p>
        <table className="mt-2 w-full text-sm">
          <thead className="text-left">
            <tr>
              <th scope="col" className="py-1 pr-2 font-medium">Rule</th>
              <th scope="col" className="py-1 pr-2 font-medium">Kind</th>
              <th scope="col" className="py-1 pr-2 font-medium">Pattern</th>
              <th scope="col" className="py-1 pr-2 font-medium">Minimum class</th>
              <th scope="col" className="py-1 font-medium">Remove</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              // React applies a select's defaultValue only when it mounts, and resets the form after each
              // action: a row whose echoed choices differ mounts afresh, so a refusal keeps them.
              <RuleRow key={[row, ...(['kind', 'minimumClass', 'remove'] as const).map((part) => text(ruleField(row, part)))].join(':')} row={row} text={text} errors={errors} />
            ))}
          </tbody>
        </table>
        {errors?.classScopeRules ? <p id="rules-error" className="mt-1 text-sm text-red-700">{errors.classScopeRules.join(' ')}</p> : null}
      </fieldset>
      <Field id="note" label="Note" hint="Why this version: it is shown in the history and the audit trail." errors={errors?.note}>
        {(describedBy, invalid) => <textarea id="note" name="note" rows={3} required defaultValue={text('note')} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
      </Field>
      <div className="flex items-center gap-4">
        <SubmitButton pendingText="Publishing…">Publish new version</SubmitButton>
        <FormMessage state={state} />
      </div>
    </form>
  );
}

type RuleRowProps = { row: number; text: (name: string) => string; errors?: Partial<Record<string, string[]>> };

/** One rule: its controls are labelled "Rule N …" so each is named on its own. */
function RuleRow({ row, text, errors }: Readonly<RuleRowProps>) {
  const number = row + 1;
  const id = (part: Parameters<typeof ruleField>[1]) => ruleField(row, part);
  const rowErrors = (['kind', 'pattern', 'minimumClass'] as const).flatMap((part) => errors?.[id(part)] ?? []);
  const errorId = rowErrors.length ? `rule-${row}-error` : undefined;
  const invalid = (part: 'kind' | 'pattern' | 'minimumClass') => Boolean(errors?.[id(part)]?.length);
  return (
    <tr className="border-t border-slate-100 align-top">
      <th scope="row" className="py-2 pr-2 text-left font-medium">{number}</th>
      <td className="py-2 pr-2">
        <label htmlFor={id('kind')} className="sr-only">Rule {number} kind</label>
        <select id={id('kind')} name={id('kind')} defaultValue={text(id('kind')) || 'path'} className={INPUT} aria-invalid={invalid('kind')} aria-describedby={errorId}>
          <option value="path">Changed path (glob)</option>
          <option value="keyword">Title keyword</option>
        </select>
      </td>
      <td className="py-2 pr-2">
        <label htmlFor={id('pattern')} className="sr-only">Rule {number} pattern</label>
        <input id={id('pattern')} name={id('pattern')} defaultValue={text(id('pattern'))} maxLength={200} className={`${INPUT} font-mono`} aria-invalid={invalid('pattern')} aria-describedby={errorId} />
        {errorId ? <p id={errorId} className="mt-1 text-sm text-red-700">{rowErrors.join(' ')}</p> : null}
      </td>
      <td className="py-2 pr-2">
        <label htmlFor={id('minimumClass')} className="sr-only">Rule {number} minimum class</label>
        <select id={id('minimumClass')} name={id('minimumClass')} defaultValue={text(id('minimumClass')) || 'normal'} className={INPUT} aria-invalid={invalid('minimumClass')} aria-describedby={errorId}>
          {SCOPE_MINIMUM_CLASSES.map((changeClass) => <option key={changeClass} value={changeClass}>{CHANGE_CLASS_INFO[changeClass].label}</option>)}
        </select>
      </td>
      <td className="py-2">
        <label className="inline-flex items-center gap-2">
          <input type="checkbox" name={id('remove')} defaultChecked={text(id('remove')) === 'on'} className="size-4" />
          <span className="sr-only">Remove rule {number}</span>
        </label>
      </td>
    </tr>
  );
}
