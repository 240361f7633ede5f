import type { ActionState } from '@/lib/actions/action-state';

/** The outcome of a form submission, announced to screen readers. */
export function FormMessage({ state }: Readonly<{ state: ActionState }>) {
  return (
    <p role="status" className={state.status === 'error' ? 'text-sm font-medium text-red-700' : 'text-sm font-medium text-emerald-800'}>
      {state.status === 'idle' ? '' : state.message}
    </p>
  );
}
