'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { DomainError } from '@/lib/server/errors';
import { updateConfigChange } from '@/lib/server/config-changes/update-config-change';
import { configChangeFromForm, configFormFieldErrors, configFormSchema, ZConfigChangePatch, ZConfigChangeType } from '@/lib/schemas/config-change';

// The type travels only to pick the form's group; the use-case checks the details against the stored type.
const ZForm = configFormSchema(ZConfigChangePatch.extend({ configChangeId: z.uuid(), version: z.coerce.number().int().positive(), type: ZConfigChangeType }));

export async function updateConfigChangeAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZForm, async ({ configChangeId, version, type, ...patch }, actor) => {
    try {
      await updateConfigChange({ actor, at: new Date(), configChangeId, expectedVersion: version, patch });
    } catch (error) {
      // The use-case names detail fields `details.<field>`; the form's inputs are `<type>.<field>`.
      if (error instanceof DomainError) throw new DomainError(error.code, error.message, configFormFieldErrors(type, error.fieldErrors));
      throw error;
    }
    revalidatePath(`/config-changes/${configChangeId}`);
    revalidatePath('/config-changes');
    redirect(`/config-changes/${configChangeId}`);
  }, { read: (data) => configChangeFromForm(data, ['configChangeId', 'version']) });
}
