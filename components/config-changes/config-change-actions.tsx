'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/actions/action-state';
import { HiddenFields, type FormAction } from '@/components/ui/action-form';
import { DangerForm } from '@/components/ui/danger-form';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';

type Props = { action: FormAction; configChangeId: string; version: number };

type StepProps = Props & {
  /**
   * Whether the step may be taken now. The page keeps the form mounted after its step succeeded (the
   * button is then gone), so the outcome stays announced instead of vanishing with the button.
   */
  isAvailable: boolean;
};

/** One button that takes a step on the record, with its outcome announced. */
function StepForm({ action, configChangeId, version, isAvailable, label, pendingText }: Readonly<StepProps & { label: string; pendingText: string }>) {
  const [state, formAction] = useActionState(action, IDLE);
  if (!isAvailable && state.status === 'idle') return null;
  return (
    <form action={formAction} className="space-y-2">
      {/* The record and the version the person read: a step on content edited since is refused as stale. */}
      <HiddenFields values={{ configChangeId, version }} />
      {isAvailable ? <SubmitButton pendingText={pendingText}>{label}</SubmitButton> : null}
      <FormMessage state={state} />
    </form>
  );
}

/** The second person's confirmation (review, peer review or the two-person rule). */
export function ConfirmConfigChangeForm(props: Readonly<StepProps>) {
  return <StepForm {...props} label="Confirm" pendingText="Confirming…" />;
}

export function ApplyConfigChangeForm(props: Readonly<StepProps>) {
  return <StepForm {...props} label="Mark applied" pendingText="Marking applied…" />;
}

export function CancelConfigChangeForm({ action, configChangeId, version }: Readonly<Props>) {
  return (
    <DangerForm
      action={action} hidden={{ configChangeId, version }} summary="Cancel this configuration change…"
      reason={{ id: 'cancel-reason', label: 'Reason' }} submitLabel="Cancel configuration change"
    />
  );
}
