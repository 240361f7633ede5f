'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { updateTeam } from '@/lib/server/admin/update-team';
import { ZTeamEdit } from '@/lib/schemas/admin';

export async function updateTeamAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZTeamEdit, async (input, actor) => {
    const { changed } = await updateTeam({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(changed ? 'Team updated.' : 'Nothing to change.');
  });
}
