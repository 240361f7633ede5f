'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { Field } from '@/components/ui/field';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

type Props = {
  resolveAction: Action;
  reopenAction: Action;
  incidentId: string;
  version: number;
  isResolved: boolean;
  /** The current local time in the policy zone (`YYYY-MM-DDTHH:MM`), offered as the resolution time. */
  now: string;
  timeZone: string;
};

/**
 * Resolves an ongoing incident or reopens a resolved one. Both action states live here, so the
 * outcome stays announced after the page swaps one form for the other.
 */
export function IncidentStateForms({ resolveAction, reopenAction, incidentId, version, isResolved, now, timeZone }: Readonly<Props>) {
  const [resolved, resolve] = useActionState(resolveAction, IDLE);
  const [reopened, reopen] = useActionState(reopenAction, IDLE);
  // The message of the step that led here, unless the step now on offer was just refused.
  const shown = isResolved ? (reopened.status === 'error' ? reopened : resolved) : (resolved.status === 'error' ? resolved : reopened);
  const errors = resolved.status === 'error' ? resolved.fieldErrors : undefined;
  const typed = resolved.status === 'error' && typeof resolved.values?.resolvedAt === 'string' ? resolved.values.resolvedAt : now;
  const reference = (
    <>
      <input type="hidden" name="incidentId" value={incidentId} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  return (
    <div className="space-y-3">
      {isResolved ? (
        <form action={reopen}>
          {reference}
          <p className="mb-2 text-sm text-slate-700">Reopening makes the incident active again; a SEV1 or SEV2 then holds deploys again.</p>
          <SubmitButton className={BUTTON_SECONDARY} pendingText="Reopening…">Reopen incident</SubmitButton>
        </form>
      ) : (
        <form key={typed} action={resolve} className="space-y-3" noValidate>
          {reference}
          <Field id="resolvedAt" label={`Resolved at (${timeZone})`} hint="When service was restored: not before the start, not in the future." errors={errors?.resolvedAt}>
            {(describedBy, invalid) => <input id="resolvedAt" name="resolvedAt" type="datetime-local" defaultValue={typed} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
          </Field>
          <SubmitButton pendingText="Resolving…">Resolve incident</SubmitButton>
        </form>
      )}
      <FormMessage state={shown} />
    </div>
  );
}
