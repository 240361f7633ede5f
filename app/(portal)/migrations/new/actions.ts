'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { migrationPlanFormSchema, migrationPlanFromForm } from '@/lib/schemas/migration-plan';
import { createMigrationPlan } from '@/lib/server/migrations/create-migration-plan';

const ZCreateForm = migrationPlanFormSchema({ changeId: z.uuid('Unknown change.') });

export async function createMigrationPlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZCreateForm, async ({ changeId, ...plan }, actor) => {
    const { id } = await createMigrationPlan({ actor, at: new Date(), changeId: changeId.toLowerCase(), plan });
    revalidatePath('/migrations');
    revalidatePath(`/changes/${changeId}`);
    redirect(`/migrations/${id}`);
  }, { read: (data) => migrationPlanFromForm(data, ['changeId']) });
}
