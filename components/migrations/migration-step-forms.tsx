'use client';

import { useActionState } from 'react';
import { IDLE } from '@/lib/actions/action-state';
import { HiddenFields, ReasonField, fieldErrorsOf, type FormAction } from '@/components/ui/action-form';
import { DangerForm } from '@/components/ui/danger-form';
import type { BreakingPhase, MigrationStep } from '@/lib/policy/migration-plan';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';

type PlanRef = { action: FormAction; planId: string; version: number };

/** One step (start or succeed) of the plan or of one phase, as a single button. */
export function MigrationStepButton({ action, planId, version, step, phase, label }: Readonly<PlanRef & { step: Exclude<MigrationStep, 'roll_back'>; phase?: BreakingPhase; label: string }>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-1">
      <HiddenFields values={{ planId, version, step, ...(phase ? { phase } : {}) }} />
      <SubmitButton className={BUTTON_SECONDARY} pendingText="Recording…">{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** Rolls the plan (or one phase) back; the reason is required and becomes the recorded outcome. */
export function RollBackForm({ action, planId, version, phase, label }: Readonly<PlanRef & { phase?: BreakingPhase; label: string }>) {
  return (
    <DangerForm
      action={action} hidden={{ planId, version, step: 'roll_back', ...(phase ? { phase } : {}) }} summary={`${label}…`}
      reason={{ id: `roll-back-reason${phase ? `-${phase}` : ''}`, label: 'Why it was rolled back' }} submitLabel={label} pendingText="Recording…"
    />
  );
}

/** Records a backfill's dry run: how it went and what it showed. */
export function DryRunForm({ action, planId, version }: Readonly<PlanRef>) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2" noValidate>
      <HiddenFields values={{ planId, version }} />
      <label htmlFor="dry-run-outcome" className="block text-sm font-medium">Dry run outcome</label>
      <select id="dry-run-outcome" name="outcome" defaultValue="succeeded" className={INPUT}>
        <option value="succeeded">Succeeded</option>
        <option value="failed">Failed</option>
      </select>
      <ReasonField id="dry-run-notes" name="notes" label="Notes" rows={2} errors={fieldErrorsOf(state)?.notes} />
      <SubmitButton className={BUTTON_SECONDARY} pendingText="Recording…">Record dry run</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}

/** Deletes a plan that never ran. */
export function DeletePlanForm({ action, planId, version }: Readonly<PlanRef>) {
  return (
    <DangerForm action={action} hidden={{ planId, version }} summary="Delete this plan…" submitLabel="Delete plan" pendingText="Deleting…">
      <p className="text-sm text-slate-700">Only a plan that never ran can be deleted; the audit trail keeps its content.</p>
    </DangerForm>
  );
}
