// The one result shape of every server action.
export type FieldErrors = Partial<Record<string, string[]>>;

export type ActionState =
  | { status: 'idle' }
  | { status: 'ok'; message: string; id?: string; secret?: string }
  | { status: 'error'; message: string; fieldErrors?: FieldErrors; values?: FormValues };

/** What the user typed, echoed back so a refused form keeps it (React resets forms after an action). */
export type FormValues = Partial<Record<string, string | string[]>>;

export const IDLE: ActionState = { status: 'idle' };

export function actionOk(message: string, extra: { id?: string; secret?: string } = {}): ActionState {
  return { status: 'ok', message, ...extra };
}

export function actionError(message: string, fieldErrors?: FieldErrors, values?: FormValues): ActionState {
  return { status: 'error', message, fieldErrors, values };
}

/** The text fields of a submitted form (never files, never the framework's own fields). */
export function submittedValues(formData: FormData): FormValues {
  const values: FormValues = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith('$ACTION')) continue;
    const all = formData.getAll(key).filter((value): value is string => typeof value === 'string');
    values[key] = all.length === 1 ? all[0] : all;
  }
  return values;
}
