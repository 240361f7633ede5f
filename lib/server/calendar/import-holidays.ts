import { db, type Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { fromDbDate, lockHolidays, requireFreezeCalendarEditor, toDbDate } from '@/lib/server/calendar/calendar-steps';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { decodeHolidayFile, HolidayFileError, isPlanEmpty, parseHolidayFile, planHolidayImport, type HolidayFile, type HolidayImportPlan } from '@/lib/calendar/holiday-import';
import { localCalendarDate } from '@/lib/time/local-day';
import type { Actor } from '@/lib/policy/permissions';

type ImportHolidaysInput = {
  actor: Actor;
  at: Date;
  fileName: string;
  /** The uploaded bytes, or the text a preview already decoded (the apply step sends it back). */
  content: string | Uint8Array;
  /** `preview` only reads and says what `apply` would do; `apply` writes it. */
  mode: 'preview' | 'apply';
};

/** The plan, whether it was written, and the file's text as read (a preview hands it to the apply step). */
export type HolidayImportResult = HolidayImportPlan & { applied: boolean; text: string };

/**
 * Imports company holidays from a CSV or iCalendar file. The preview is a dry run: which dates would
 * be added, renamed or left as they are, and which rows are bad and why. The apply step plans again
 * inside its transaction (the calendar may have changed since the preview) and writes every good row
 * or none, with one `holiday.imported` event. Importing the same file again finds nothing to do and
 * writes nothing, no event either.
 */
export async function importHolidays({ actor, at, fileName, content, mode }: ImportHolidaysInput): Promise<HolidayImportResult> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'holiday', verb: 'import' });
  const { timeZone } = await policySettingsInForce();
  const { file, text } = readFile(fileName, content, localCalendarDate(at, timeZone));
  if (mode === 'preview') return { ...planHolidayImport(file, await holidayNames(db, file)), applied: false, text };

  return db.$transaction(async (tx) => {
    // Concurrent imports queue here, so the second one plans against the first one's rows.
    await lockHolidays(tx);
    const plan = planHolidayImport(file, await holidayNames(tx, file));
    if (isPlanEmpty(plan)) return { ...plan, applied: false, text };
    await tx.holiday.createMany({ data: plan.added.map((row) => ({ date: toDbDate(row.date), name: row.name, createdById: actor.id, createdAt: at })) });
    for (const row of plan.renamed) {
      await tx.holiday.update({ where: { date: toDbDate(row.date) }, data: { name: row.name, version: { increment: 1 } }, select: { id: true } });
    }
    await appendAudit(tx, {
      action: 'holiday.imported', entityType: 'holiday', actor, at,
      changeSet: {
        fileName, format: plan.format,
        added: plan.added.length, renamed: plan.renamed.length, unchanged: plan.unchanged.length, skipped: plan.rejected.length,
        dates: {
          added: plan.added.map((row) => ({ date: row.date, name: row.name })),
          renamed: plan.renamed.map((row) => ({ date: row.date, name: { old: row.previousName, new: row.name } })),
        },
        skippedRows: plan.rejected,
      },
    });
    return { ...plan, applied: true, text };
  });
}

function readFile(fileName: string, content: string | Uint8Array, today: string): { file: HolidayFile; text: string } {
  try {
    const text = typeof content === 'string' ? content : decodeHolidayFile(content);
    return { file: parseHolidayFile({ fileName, content: text, today }), text };
  } catch (error) {
    if (error instanceof HolidayFileError) throw new DomainError('INVALID', error.message, { file: [error.message] });
    throw error;
  }
}

/** `date → name` of the holidays already on the dates the file names. */
async function holidayNames(client: Tx, file: HolidayFile): Promise<Map<string, string>> {
  if (file.rows.length === 0) return new Map();
  const rows = await client.holiday.findMany({ where: { date: { in: file.rows.map((row) => toDbDate(row.date)) } }, select: { date: true, name: true } });
  return new Map(rows.map((row) => [fromDbDate(row.date), row.name]));
}
