'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/actions/action-state';
import { FormFooter, HiddenFields, fieldErrorsOf, type FormAction } from '@/components/ui/action-form';
import { Field } from '@/components/ui/field';
import { INPUT } from '@/components/ui/styles';

type Common = { name: string; label: string; hint?: string };

/** One control of an administration form, described as data so pages stay declarative. */
export type AdminField =
  | (Common & { kind: 'text'; value?: string; maxLength?: number })
  | (Common & { kind: 'select'; value?: string; options: { value: string; label: string }[]; placeholder?: string })
  | (Common & { kind: 'checkbox'; checked?: boolean });

type Props = {
  action: FormAction;
  fields: AdminField[];
  /** Ids and the version the form was rendered from (optimistic concurrency). */
  hidden?: Record<string, string | number>;
  submitLabel: string;
  /** Prefixes element ids, so two forms on one page never share one. */
  idPrefix: string;
  /** A new value (the record's next version after a save) renders the fields afresh from their values. */
  resetKey?: string | number;
};

/** A create or edit form of the administration area; the server validates again and answers per field. */
export function AdminForm({ action, fields, hidden = {}, submitLabel, idPrefix, resetKey }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  // After a refusal React resets the form: show what was typed rather than the old values.
  const echoed = state.status === 'error' ? state.values : undefined;
  const text = (name: string, initial: string | undefined) => {
    const value = echoed?.[name];
    return typeof value === 'string' ? value : initial;
  };
  return (
    <form key={resetKey} action={formAction} className="max-w-xl space-y-5" noValidate>
      <HiddenFields values={hidden} />
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        if (field.kind === 'checkbox') return <Checkbox key={field.name} id={id} field={field} checked={echoed ? echoed[field.name] === 'on' : field.checked} errors={errors?.[field.name]} />;
        return (
          <Field key={field.name} id={id} label={field.label} hint={field.hint} errors={errors?.[field.name]}>
            {(describedBy, invalid) =>
              field.kind === 'select' ? (
                <select id={id} name={field.name} defaultValue={text(field.name, field.value) ?? ''} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
                  {field.placeholder !== undefined ? <option value="">{field.placeholder}</option> : null}
                  {field.options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
                </select>
              ) : (
                <input id={id} name={field.name} defaultValue={text(field.name, field.value)} maxLength={field.maxLength} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />
              )
            }
          </Field>
        );
      })}
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}

type CheckboxProps = { id: string; field: Common; checked?: boolean; errors?: string[] };

function Checkbox({ id, field, checked, errors }: Readonly<CheckboxProps>) {
  const hintId = field.hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="flex gap-3">
      <input id={id} name={field.name} type="checkbox" defaultChecked={checked} className="mt-1 size-4" aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined} aria-invalid={Boolean(errorId)} />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-slate-800">{field.label}</label>
        {field.hint ? <p id={hintId} className="text-xs text-slate-600">{field.hint}</p> : null}
        {errorId ? <p id={errorId} className="text-sm text-red-700">{errors!.join(' ')}</p> : null}
      </div>
    </div>
  );
}
