'use server';

import { revalidatePath } from 'next/cache';
import { actionOk, type ActionState } from '@/lib/actions/action-state';
import { runFormAction } from '@/lib/actions/form-action';
import type { HolidayImportState } from '@/lib/calendar/holiday-import';
import { importHolidays } from '@/lib/server/calendar/import-holidays';
import { ZHolidayImportApply, ZHolidayImportUpload } from '@/lib/schemas/calendar';

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** Step 1: reads the uploaded file and says what importing it would do. Saves nothing. */
export async function previewHolidayImportAction(_prev: HolidayImportState, formData: FormData): Promise<HolidayImportState> {
  let preview: HolidayImportState['preview'];
  const state = await runFormAction(formData, ZHolidayImportUpload, async ({ file }, actor) => {
    const { text, applied: _applied, ...plan } = await importHolidays({ actor, at: new Date(), fileName: file.name, content: new Uint8Array(await file.arrayBuffer()), mode: 'preview' });
    preview = { ...plan, fileName: file.name, content: text };
    return actionOk(`Read ${file.name}: ${plural(plan.added.length + plan.renamed.length, 'holiday')} to import, ${plural(plan.rejected.length, 'row')} skipped.`);
  }, { read: (data) => ({ file: data.get('file') }) });
  return { ...state, preview };
}

/** Step 2: imports the previewed text, read and checked again from scratch. */
export async function applyHolidayImportAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  return runFormAction(formData, ZHolidayImportApply, async ({ fileName, content }, actor) => {
    const result = await importHolidays({ actor, at: new Date(), fileName, content, mode: 'apply' });
    if (!result.applied) return actionOk(`Nothing imported: the calendar already holds every holiday of ${fileName}.`);
    revalidatePath('/calendar', 'layout');
    const skipped = result.rejected.length ? ` ${plural(result.rejected.length, 'row')} skipped.` : '';
    return actionOk(`Imported ${plural(result.added.length, 'holiday')}, renamed ${result.renamed.length}.${skipped}`);
  });
}
