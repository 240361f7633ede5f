import type { ReactNode } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';

/** A server action as a form's `useActionState` takes it. */
export type FormAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** The field errors of a refused submission, if any. */
export function fieldErrorsOf(state: ActionState) {
  return state.status === 'error' ? state.fieldErrors : undefined;
}

/** Values the action needs beside what is typed: the record's id and the version the person read. */
export function HiddenFields({ values }: Readonly<{ values: Readonly<Record<string, string | number>> }>) {
  return Object.entries(values).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

/** The end of a form: its submit button, with the outcome announced beside it. */
export function FormFooter({ state, submitLabel }: Readonly<{ state: ActionState; submitLabel: string }>) {
  return (
    <div className="flex items-center gap-4">
      <SubmitButton pendingText="Saving…">{submitLabel}</SubmitButton>
      <FormMessage state={state} />
    </div>
  );
}

/** A destructive step folded behind its summary, so it takes a deliberate second click. */
export function DangerDetails({ summary, children }: Readonly<{ summary: string; children: ReactNode }>) {
  return (
    <details className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-red-800">{summary}</summary>
      {children}
    </details>
  );
}

type ReasonFieldProps = {
  id: string;
  label: string;
  name: string;
  errors?: string[];
  /** Lines of a textarea; a one-line input when absent. */
  rows?: number;
};

/** The one free-text field of a small action form (a reason, notes), with its errors wired to it. */
export function ReasonField({ id, label, name, errors, rows }: Readonly<ReasonFieldProps>) {
  const errorId = errors ? `${id}-error` : undefined;
  const common = { id, name, className: INPUT, 'aria-invalid': Boolean(errors), 'aria-describedby': errorId };
  return (
    <>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {rows ? <textarea rows={rows} {...common} /> : <input {...common} />}
      {errors ? <p id={errorId} className="text-sm text-red-700">{errors.join(' ')}</p> : null}
    </>
  );
}
