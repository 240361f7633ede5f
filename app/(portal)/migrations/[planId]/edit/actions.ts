'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { migrationPlanFormSchema, migrationPlanFromForm } from '@/lib/schemas/migration-plan';
import { updateMigrationPlan } from '@/lib/server/migrations/update-migration-plan';

/** The whole plan as the form shows it, with the plan and the version it was loaded at. */
const ZEditForm = migrationPlanFormSchema({ planId: z.uuid(), version: z.coerce.number().int().positive() });

export async function updateMigrationPlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZEditForm, async ({ planId, version, ...patch }, actor) => {
    await updateMigrationPlan({ actor, at: new Date(), planId, expectedVersion: version, patch });
    revalidatePath(`/migrations/${planId}`);
    revalidatePath('/migrations');
    redirect(`/migrations/${planId}`);
  }, { read: (data) => migrationPlanFromForm(data, ['planId', 'version']) });
}
