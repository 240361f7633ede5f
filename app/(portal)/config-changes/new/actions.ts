'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { createConfigChange } from '@/lib/server/config-changes/create-config-change';
import { configChangeFromForm, configFormSchema, ZNewConfigChange } from '@/lib/schemas/config-change';

const ZForm = configFormSchema(ZNewConfigChange);

export async function createConfigChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZForm, async (input, actor) => {
    const { id } = await createConfigChange({ actor, at: new Date(), input });
    revalidatePath('/config-changes');
    redirect(`/config-changes/${id}`);
  }, { read: (data) => configChangeFromForm(data) });
}
