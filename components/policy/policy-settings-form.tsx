'use client';

import { useActionState, type ReactNode } from 'react';
import { IDLE, type ActionState, type FormValues } from '@/lib/actions/action-state';
import { CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import { WEEKDAYS, WEEKLY_WINDOW_CLASSES } from '@/lib/policy/policy-settings';
import { POLICY_LIMITS, POLICY_LIMIT_NAMES, SCOPE_MINIMUM_CLASSES, ruleField, ruleRowCount, windowField, windowRowCount, type WindowFieldPart } from '@/lib/schemas/policy-settings-form';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** The version in force when the page was loaded; publishing from an older one is refused. */
  basedOn: number;
  /** The version in force as form values, with empty rule and window rows for adding. */
  initial: FormValues;
  /** IANA zones this runtime knows, offered as suggestions. */
  timeZones: readonly string[];
};

/** Publishes a new policy settings version. The server validates again; errors come back per field and per rule or window row. */
export function PolicySettingsForm({ action, basedOn, initial, timeZones }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  // After a refusal React resets the form: show what was typed rather than the version in force.
  const values: FormValues = state.status === 'error' && state.values ? state.values : initial;
  const text = (name: string) => { const value = values[name]; return typeof value === 'string' ? value : ''; };
  const rows = Array.from({ length: ruleRowCount(values) }, (_, row) => row);
  const windowRows = Array.from({ length: windowRowCount(values) }, (_, row) => row);
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
      <RowsFieldset
        id="windows" legend="Weekly freeze windows (CTRL-012.2)" columns={['Window', 'Starts', 'Ends', 'Holds', 'Remove']} errors={errors?.weeklyWindows}
        hint={
          <>
            Recurring, in the time zone above: from the start day and time until the end day and time (the end is open: a window ending Monday 09:00 lets a deploy through at 09:00).
            A window ending earlier in the week than it starts runs over the weekend. Emergency changes are never held by a weekly window: they restore service.
            A row with no times is left out. <strong>With no window at all there is no weekly freeze</strong>: only holidays, declared freezes and incidents hold changes.
          </>
        }
      >
        {windowRows.map((row) => (
          // Selects and checkboxes take their default only when they mount: see the rule rows below.
          <WindowRow key={[row, ...WINDOW_CHOICES.map((part) => text(windowField(row, part)))].join(':')} row={row} text={text} errors={errors} />
        ))}
      </RowsFieldset>
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
      <RowsFieldset
        id="rules" legend="Class versus scope rules (CTRL-012.1)" columns={['Rule', 'Kind', 'Pattern', 'Minimum class', 'Remove']} errors={errors?.classScopeRules}
        hint="A change touching a path that matches a glob, or whose title contains a keyword, needs at least the class chosen. A row with an empty pattern is left out."
      >
        {rows.map((row) => (
          // React applies a select's defaultValue only when it mounts, and resets the form after each
          // action: a row whose echoed choices differ mounts afresh, so a refusal keeps them.
          <RuleRow key={[row, ...(['kind', 'minimumClass', 'remove'] as const).map((part) => text(ruleField(row, part)))].join(':')} row={row} text={text} errors={errors} />
        ))}
      </RowsFieldset>
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

type RowsFieldsetProps = {
  /** Prefixes the ids of the hint and the errors. */
  id: string;
  legend: string;
  hint: ReactNode;
  /** The column headers: the row number first, the remove box last. */
  columns: readonly string[];
  errors?: string[];
  children: ReactNode;
};

/** A list of editable rows (windows, rules) as a table, with its hint and its list-wide errors. */
function RowsFieldset({ id, legend, hint, columns, errors, children }: Readonly<RowsFieldsetProps>) {
  return (
    <fieldset aria-describedby={[`${id}-hint`, errors ? `${id}-error` : ''].filter(Boolean).join(' ')}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p id={`${id}-hint`} className="text-xs text-slate-600">{hint}</p>
      <table className="mt-2 w-full text-sm">
        <thead className="text-left">
          <tr>
            {columns.map((column, index) => <th key={column} scope="col" className={index < columns.length - 1 ? 'py-1 pr-2 font-medium' : 'py-1 font-medium'}>{column}</th>)}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {errors ? <p id={`${id}-error`} className="mt-1 text-sm text-red-700">{errors.join(' ')}</p> : null}
    </fieldset>
  );
}

/** The header cell that opens every row: its number. */
function RowNumber({ number }: Readonly<{ number: number }>) {
  return <th scope="row" className="py-2 pr-2 text-left font-medium">{number}</th>;
}

/** The cell that closes every row: a box that leaves the row out of the published version. */
function RemoveCell({ name, isChecked, label }: Readonly<{ name: string; isChecked: boolean; label: string }>) {
  return (
    <td className="py-2">
      <label className="inline-flex items-center gap-2">
        <input type="checkbox" name={name} defaultChecked={isChecked} className="size-4" />
        <span className="sr-only">{label}</span>
      </label>
    </td>
  );
}

type RowProps = { row: number; text: (name: string) => string; errors?: Partial<Record<string, string[]>> };

/** The window fields that are selects or checkboxes: echoed choices remount the row. */
const WINDOW_CHOICES: readonly WindowFieldPart[] = ['startDay', 'endDay', 'remove', ...WEEKLY_WINDOW_CLASSES.map((changeClass) => `class-${changeClass}` as const)];

/** One weekly window: its controls are labelled "Window N …" so each is named on its own. */
function WindowRow({ row, text, errors }: Readonly<RowProps>) {
  const number = row + 1;
  const id = (part: WindowFieldPart) => windowField(row, part);
  const rowErrors = (['startDay', 'startTime', 'endDay', 'endTime', 'classes'] as const).flatMap((part) => errors?.[id(part)] ?? []);
  const errorId = rowErrors.length ? `window-${row}-error` : undefined;
  const invalid = (part: WindowFieldPart) => Boolean(errors?.[id(part)]?.length);
  const bound = (end: 'start' | 'end', label: string) => (
    <div className="flex gap-2">
      <label htmlFor={id(`${end}Day`)} className="sr-only">Window {number} {label} day</label>
      <select id={id(`${end}Day`)} name={id(`${end}Day`)} defaultValue={text(id(`${end}Day`))} className={INPUT} aria-invalid={invalid(`${end}Day`)} aria-describedby={errorId}>
        {WEEKDAYS.map((weekday, day) => <option key={weekday} value={day}>{weekday}</option>)}
      </select>
      <label htmlFor={id(`${end}Time`)} className="sr-only">Window {number} {label} time</label>
      <input id={id(`${end}Time`)} name={id(`${end}Time`)} type="time" step={60} defaultValue={text(id(`${end}Time`))} className={`${INPUT} w-32`} aria-invalid={invalid(`${end}Time`)} aria-describedby={errorId} />
    </div>
  );
  return (
    <tr className="border-t border-slate-100 align-top">
      <RowNumber number={number} />
      <td className="py-2 pr-2">{bound('start', 'start')}</td>
      <td className="py-2 pr-2">
        {bound('end', 'end')}
        {errorId ? <p id={errorId} className="mt-1 text-sm text-red-700">{rowErrors.join(' ')}</p> : null}
      </td>
      <td className="py-2 pr-2">
        <fieldset aria-describedby={errorId} className="flex flex-wrap gap-x-3">
          <legend className="sr-only">Window {number} holds</legend>
          {WEEKLY_WINDOW_CLASSES.map((changeClass) => (
            <label key={changeClass} className="inline-flex items-center gap-1">
              <input type="checkbox" name={id(`class-${changeClass}`)} defaultChecked={text(id(`class-${changeClass}`)) === 'on'} className="size-4" />
              {CHANGE_CLASS_INFO[changeClass].label}
            </label>
          ))}
        </fieldset>
      </td>
      <RemoveCell name={id('remove')} isChecked={text(id('remove')) === 'on'} label={`Remove window ${number}`} />
    </tr>
  );
}

/** One rule: its controls are labelled "Rule N …" so each is named on its own. */
function RuleRow({ row, text, errors }: Readonly<RowProps>) {
  const number = row + 1;
  const id = (part: Parameters<typeof ruleField>[1]) => ruleField(row, part);
  const rowErrors = (['kind', 'pattern', 'minimumClass'] as const).flatMap((part) => errors?.[id(part)] ?? []);
  const errorId = rowErrors.length ? `rule-${row}-error` : undefined;
  const invalid = (part: 'kind' | 'pattern' | 'minimumClass') => Boolean(errors?.[id(part)]?.length);
  return (
    <tr className="border-t border-slate-100 align-top">
      <RowNumber number={number} />
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
      <RemoveCell name={id('remove')} isChecked={text(id('remove')) === 'on'} label={`Remove rule ${number}`} />
    </tr>
  );
}
