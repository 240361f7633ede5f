'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/actions/action-state';
import { HiddenFields, type FormAction } from '@/components/ui/action-form';
import { DangerForm } from '@/components/ui/danger-form';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { INPUT } from '@/components/ui/styles';
import { CHANGE_OUTCOMES, type ChangeOutcome } from '@/lib/schemas/change-api';

type Props = { action: FormAction; changeId: string; version: number };

export function SubmitChangeForm({ action, changeId, version }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <HiddenFields values={{ changeId, version }} />
      <SubmitButton pendingText="Submitting…">Submit for approval</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

export function CancelChangeForm({ action, changeId, version }: Readonly<Props>) {
  return <DangerForm action={action} hidden={{ changeId, version }} summary="Cancel this change…" reason={{ id: 'cancel-reason', label: 'Reason' }} submitLabel="Cancel change" />;
}

export function CompleteRecordForm({ action, changeId, version }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="mt-3 space-y-2">
      <HiddenFields values={{ changeId, version }} />
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
      <HiddenFields values={{ changeId, version }} />
      <label htmlFor="close-outcome" className="block text-sm font-medium">Outcome</label>
      <select id="close-outcome" name="outcome" defaultValue="succeeded" className={INPUT}>
        {CHANGE_OUTCOMES.map((outcome) => <option key={outcome} value={outcome}>{OUTCOME_LABEL[outcome]}</option>)}
      </select>
      <SubmitButton>Close change</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
