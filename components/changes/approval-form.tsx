'use client';

import { useActionState } from 'react';
import { IDLE, type ActionState } from '@/lib/actions/action-state';
import { FormMessage } from '@/components/ui/form-message';
import { SubmitButton } from '@/components/ui/submit-button';
import { BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';

type Props = { action: (prev: ActionState, formData: FormData) => Promise<ActionState>; changeId: string; contentVersion: number };

/** Approve or reject the version on screen; the version travels with the form so an edit meanwhile is caught. */
export function ApprovalForm({ action, changeId, contentVersion }: Readonly<Props>) {
  const [state, formAction] = useActionState(action, IDLE);
  const commentError = state.status === 'error' ? state.fieldErrors?.comment : undefined;
  const comment = state.status === 'error' && typeof state.values?.comment === 'string' ? state.values.comment : undefined;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <input type="hidden" name="changeId" value={changeId} />
      <input type="hidden" name="contentVersion" value={contentVersion} />
      <div>
        <label htmlFor="comment" className="block text-sm font-medium">Comment <span className="font-normal text-slate-600">(required to reject)</span></label>
        <textarea id="comment" name="comment" rows={3} defaultValue={comment} className={INPUT} aria-invalid={Boolean(commentError)} aria-describedby={commentError ? 'comment-error' : undefined} />
        {commentError ? <p id="comment-error" className="mt-1 text-sm text-red-700">{commentError.join(' ')}</p> : null}
      </div>
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="approve">Approve version {contentVersion}</SubmitButton>
        <SubmitButton name="decision" value="reject" className={BUTTON_SECONDARY}>Reject</SubmitButton>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
