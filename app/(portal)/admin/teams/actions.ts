'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createTeam } from '@/lib/server/admin/create-team';
import { ZTeamCreate } from '@/lib/schemas/admin';

export async function createTeamAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZTeamCreate, async (input, actor) => {
    await createTeam({ ...input, actor, at: new Date() });
    revalidatePath('/admin', 'layout');
    return actionOk(`Team ${input.name} created.`);
  });
}
