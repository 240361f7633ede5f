'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createFlag } from '@/lib/server/flags/create-flag';
import { ZNewFlagForm } from '@/lib/schemas/flag';

export async function createFlagAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZNewFlagForm, async (input, actor) => {
    const { id } = await createFlag({ actor, at: new Date(), input, source: 'portal' });
    revalidatePath('/flags');
    redirect(`/flags/${id}`);
  });
}
