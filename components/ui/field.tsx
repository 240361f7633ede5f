import type { ReactNode } from 'react';

type FieldProps = {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
};

/** A labelled control with its hint and inline errors wired to aria-describedby. */
export function Field({ id, label, hint, errors, children }: Readonly<FieldProps>) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children(describedBy, Boolean(errorId))}
      {hint ? <p id={hintId} className="text-xs text-slate-600">{hint}</p> : null}
      {errorId ? (
        <p id={errorId} className="text-sm text-red-700">
          {errors!.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
