'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { BUTTON_DANGER } from '@/components/ui/styles';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** The record's id and the version shown (a delete of an edited record is refused). */
  hidden: Record<string, string | number>;
  /** The disclosure that asks first, e.g. "Delete this holiday". */
  summary: string;
  explanation: string;
  confirmLabel: string;
};

/**
 * A delete that takes two deliberate steps: open the disclosure, then confirm. Works without script,
 * and keyboard and screen-reader users meet the same question as everyone else.
 */
export function ConfirmDeleteForm({ action, hidden, summary, explanation, confirmLabel }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <details className="mt-10 max-w-xl rounded-lg border border-red-200 bg-white p-4" open={state.status === 'error' ? true : undefined}>
      <summary className="cursor-pointer text-sm font-medium text-red-800">{summary}</summary>
      <form action={formAction} className="mt-3 space-y-3">
        {Object.entries(hidden).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
        <p className="text-sm text-slate-700">{explanation}</p>
        <div className="flex items-center gap-4">
          <SubmitButton className={BUTTON_DANGER} pendingText="Deleting…">{confirmLabel}</SubmitButton>
          <FormMessage state={state} />
        </div>
      </form>
    </details>
  );
}
