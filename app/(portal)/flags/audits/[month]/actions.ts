'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { decideFlagAuditItem } from '@/lib/server/flags/decide-flag-audit-item';
import { ZFlagAuditDecision } from '@/lib/schemas/flag-discipline';

export async function decideFlagAuditItemAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZFlagAuditDecision, async (input, actor) => {
    const { isAuditClosed } = await decideFlagAuditItem({ actor, at: new Date(), input });
    revalidatePath('/flags', 'layout');
    const done = input.decision === 'removed' ? 'Flag removed (archived).' : 'Flag extended.';
    return actionOk(isAuditClosed ? `${done} Every flag is decided: the audit is closed.` : done);
  });
}
