'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { BUTTON_DANGER, INPUT } from '@/components/ui/styles';
import { CHANGE_OUTCOMES, type ChangeOutcome } from '@/lib/schemas/change-api';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type Props = { action: Action; changeId: string; version: number };

function ChangeRef({ changeId, version }: Readonly<Omit<Props, 'action'>>) {
  return (
    <>
      <input type="hidden" name="changeId" value={changeId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
}

export function SubmitChangeForm({ action, changeId, version }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <ChangeRef changeId={changeId} version={version} />
      <SubmitButton pendingText="Submitting…">Submit for approval</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function CancelChangeForm({ action, changeId, version }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const reasonError = state.status === 'error' ? state.fieldErrors?.reason : undefined;
  return (
    <details className="rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium text-red-800">Cancel this change…</summary>
      <form action={formAction} className="mt-3 space-y-2" noValidate>
        <ChangeRef changeId={changeId} version={version} />
        <label htmlFor="cancel-reason" className="block text-sm font-medium">Reason</label>
        <input id="cancel-reason" name="reason" className={INPUT} aria-invalid={Boolean(reasonError)} aria-describedby={reasonError ? 'cancel-reason-error' : undefined} />
        {reasonError ? <p id="cancel-reason-error" className="text-sm text-red-700">{reasonError.join(' ')}</p> : null}
        <SubmitButton className={BUTTON_DANGER}>Cancel change</SubmitButton>
        <FormMessage state={state} />
      </form>
    </details>
  );
}

export function CompleteRecordForm({ action, changeId, version }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="mt-3 space-y-2">
      <ChangeRef changeId={changeId} version={version} />
      <SubmitButton pendingText="Checking…">Mark the record complete</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

const OUTCOME_LABEL: Record<ChangeOutcome, string> = { succeeded: 'Succeeded', failed: 'Failed', rolled_back: 'Rolled back' };

/** Closes a deployed change with its outcome (it feeds the change failure rate). */
export function CloseChangeForm({ action, changeId, version }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <ChangeRef changeId={changeId} version={version} />
      <label htmlFor="close-outcome" className="block text-sm font-medium">Outcome</label>
      <select id="close-outcome" name="outcome" defaultValue="succeeded" className={INPUT}>
        {CHANGE_OUTCOMES.map((outcome) => <option key={outcome} value={outcome}>{OUTCOME_LABEL[outcome]}</option>)}
      </select>
      <SubmitButton>Close change</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
