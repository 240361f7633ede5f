'use client';

import { useActionState, type ReactNode } from 'react';
import { IDLE } from '@/lib/actions/action-state';
import { DangerDetails, HiddenFields, ReasonField, fieldErrorsOf, type FormAction } from '@/components/ui/action-form';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { BUTTON_DANGER } from '@/components/ui/styles';

type Props = {
  action: FormAction;
  /** The record's id and the version the person read, and any fixed choice of the step. */
  hidden: Readonly<Record<string, string | number>>;
  /** The words that unfold the form, e.g. "Cancel this change…". */
  summary: string;
  submitLabel: string;
  pendingText?: string;
  /** The one-line reason the step requires (sent as `reason`), when it requires one. */
  reason?: { id: string; label: string };
  /** What to know before taking the step, shown above the button. */
  children?: ReactNode;
};

/** A destructive step on a record (cancel, roll back, delete), folded away, with its outcome announced. */
export function DangerForm({ action, hidden, summary, submitLabel, pendingText, reason, children }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <DangerDetails summary={summary}>
      <form action={formAction} className="mt-3 space-y-2" noValidate={Boolean(reason)}>
        <HiddenFields values={hidden} />
        {reason ? <ReasonField id={reason.id} name="reason" label={reason.label} errors={fieldErrorsOf(state)?.reason} /> : null}
        {children}
        <SubmitButton className={BUTTON_DANGER} pendingText={pendingText}>{submitLabel}</SubmitButton>
        <FormMessage state={state} />
      </form>
    </DangerDetails>
  );
}
