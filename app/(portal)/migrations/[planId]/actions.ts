'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import { BREAKING_PHASES } from '@/lib/policy/migration-plan';
import { MIGRATION_STEPS, ZDryRunBody } from '@/lib/schemas/migration-plan';
import { recordMigrationStep } from '@/lib/server/migrations/record-migration-step';
import { recordPhaseStep } from '@/lib/server/migrations/record-phase-step';
import { recordDryRun } from '@/lib/server/migrations/record-dry-run';
import { deleteMigrationPlan } from '@/lib/server/migrations/delete-migration-plan';

const ZPlanRef = z.object({ planId: z.uuid(), version: z.coerce.number().int().positive() });

// The roll-back reason is checked by the use-case, so a form and the API give the same words.
const ZStep = ZPlanRef.extend({ step: z.enum(MIGRATION_STEPS), phase: z.enum(BREAKING_PHASES).optional(), reason: z.string().max(2000, 'At most 2,000 characters.').optional() });

const ZDryRun = ZPlanRef.extend({ outcome: ZDryRunBody.shape.outcome, notes: ZDryRunBody.shape.notes });

const STEP_MESSAGE = { start: 'Started.', succeed: 'Recorded as succeeded.', roll_back: 'Recorded as rolled back.' } as const;

function changed(planId: string, message: string): ActionState {
  revalidatePath(`/migrations/${planId}`);
  revalidatePath('/migrations');
  return actionOk(message);
}

export async function recordMigrationStepAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZStep, async ({ planId, version, step, phase, reason }, actor) => {
    const input = { actor, at: new Date(), planId, step, reason, expectedVersion: version };
    await (phase ? recordPhaseStep({ ...input, phase }) : recordMigrationStep(input));
    return changed(planId, phase ? `The ${phase} phase: ${STEP_MESSAGE[step].toLowerCase()}` : STEP_MESSAGE[step]);
  });
}

export async function recordDryRunAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZDryRun, async ({ planId, version, outcome, notes }, actor) => {
    await recordDryRun({ actor, at: new Date(), planId, dryRun: { outcome, notes, version } });
    return changed(planId, 'Dry run recorded.');
  });
}

export async function deleteMigrationPlanAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZPlanRef, async ({ planId, version }, actor) => {
    const { changeId } = await deleteMigrationPlan({ actor, at: new Date(), planId, expectedVersion: version });
    revalidatePath('/migrations');
    revalidatePath(`/changes/${changeId}`);
    redirect(`/changes/${changeId}`);
  });
}
