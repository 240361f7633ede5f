import { useActionState } from 'react';
import { IDLE, type FormValues } from '@/lib/actions/action-state';
import { fieldErrorsOf, type FormAction } from '@/components/ui/action-form';

/**
 * The state of a create or edit form: the action's outcome, its field errors, and the values to
 * show, which are what was typed after a refusal (React resets a form after its action) and
 * `initial` otherwise.
 */
export function useRecordForm(action: FormAction, initial: FormValues) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = fieldErrorsOf(state);
  const values: FormValues = state.status === 'error' && state.values ? state.values : initial;
  /** The single text value of a field, if it has one. */
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  /** The ticked values of a checkbox group. */
  const chosen = (name: string) => new Set([values[name] ?? []].flat());
  return { state, formAction, errors, values, text, chosen };
}
