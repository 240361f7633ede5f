// Inputs of the freeze calendar (CTRL-012.2): company holidays and declared freezes. The actor never
// comes from a form. Local times are typed in the policy zone, which the caller passes in.
import { z } from 'zod';
import { BROKEN_TEXT_MESSAGE, isWellFormedText } from '@/lib/schemas/text';
import { isCalendarDate } from '@/lib/time/local-day';
import { localInputToIso } from '@/lib/time/local-input';
import { firstInstantAtWallTime, wallClockMs } from '@/lib/time/zoned';

const DAY_MS = 86_400_000;
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;
const NO_CONTROL_CHARS = /^[^\u0000-\u001F\u007F]*$/;
/** A textarea may hold line breaks and tabs, nothing else below U+0020. */
const NO_CONTROL_CHARS_BUT_LINES = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;

export const HOLIDAY_NAME_MAX = 120;
export const FREEZE_REASON_MAX = 500;
// Assumption: a declared freeze lasts at most 366 days (a leap year); anything longer is a mistake or a
// standing rule, and standing rules belong in the versioned policy settings, not in the calendar.
export const FREEZE_MAX_DAYS = 366;
/** How many services or environments one freeze may name (a guard against forged forms). */
const MAX_SCOPE_IDS = 200;

const ZExpectedVersion = z.coerce.number().int().positive();

/** A whole local day, `YYYY-MM-DD`, that exists in the calendar (`2026-02-30` does not). */
export const ZHolidayDate = z
  .string('Enter the date as YYYY-MM-DD, e.g. 2026-12-25.')
  .trim()
  .refine(isCalendarDate, {
    error: (issue) => {
      const text = String(issue.input ?? '').trim();
      if (text === '') return 'Enter the date as YYYY-MM-DD, e.g. 2026-12-25.';
      if (DATE_TEXT.test(text)) return `${text} is not a day of the calendar; check the day and the month.`;
      return 'Write the date as YYYY-MM-DD, e.g. 2026-12-25.';
    },
  });

export const ZHolidayName = z
  .string('Give the holiday a name.')
  .trim()
  .min(1, 'Give the holiday a name.')
  .max(HOLIDAY_NAME_MAX, `At most ${HOLIDAY_NAME_MAX} characters.`)
  .regex(NO_CONTROL_CHARS, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE);

export const ZHoliday = z.object({ date: ZHolidayDate, name: ZHolidayName });
export type HolidayInput = z.infer<typeof ZHoliday>;

export const ZHolidayEdit = ZHoliday.extend({ holidayId: z.uuid(), expectedVersion: ZExpectedVersion });
export type HolidayEdit = z.infer<typeof ZHolidayEdit>;

export const ZHolidayDelete = z.object({ holidayId: z.uuid(), expectedVersion: ZExpectedVersion });
export type HolidayDelete = z.infer<typeof ZHolidayDelete>;

/** The largest holiday file taken, in bytes (1 MiB): a year of holidays is a few kilobytes. */
export const HOLIDAY_FILE_MAX_BYTES = 1_048_576;
/** The most holidays one import writes (rows of a CSV; days of an iCalendar file once expanded). */
export const HOLIDAY_FILE_MAX_ROWS = 2000;

/** The upload of the import form's preview step. Browsers send an empty, nameless file when none is chosen. */
export const ZHolidayImportUpload = z.object({
  file: z.preprocess(
    (value) => (value instanceof File && value.name === '' && value.size === 0 ? undefined : value),
    z.file('Choose a .csv or .ics file.').min(1, 'The file is empty.').max(HOLIDAY_FILE_MAX_BYTES, 'The file is over 1 MB; split it into smaller files.'),
  ),
});

/** The apply step sends the previewed file back as text; it is parsed and checked again from scratch. */
export const ZHolidayImportApply = z.object({
  fileName: z.string().max(255),
  content: z.string().min(1, 'Upload the file again.'),
});

/**
 * Why a typed `YYYY-MM-DDTHH:MM` names no single instant in the zone: malformed, an impossible date, a
 * time the clock skips (DST gap) or shows twice (DST overlap). Only called once localInputToIso refused it.
 */
function localDateTimeProblem(text: string, timeZone: string): string {
  const match = LOCAL_DATE_TIME.exec(text);
  if (!match) return 'Enter a date and time, e.g. 2026-12-24T18:00.';
  const [, date, hours, minutes] = match as unknown as [string, string, string, string];
  if (!isCalendarDate(date)) return `${date} is not a day of the calendar; check the day and the month.`;
  const minuteOfDay = Number(hours) * 60 + Number(minutes);
  const wall = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * 60_000;
  // In an overlap the clock does show the time (twice); in a gap its first instant after is later.
  const isShown = wallClockMs(firstInstantAtWallTime(date, minuteOfDay, timeZone), timeZone) === wall;
  return isShown
    ? `${date} ${hours}:${minutes} happens twice in ${timeZone} (the clocks go back that night); choose a time outside the repeated hour.`
    : `${date} ${hours}:${minutes} does not exist in ${timeZone} (the clocks jump forward over it); choose a time after the jump.`;
}

/** A `datetime-local` value read as the one instant it names in `timeZone`; blank is `required`. */
export function zLocalDateTime(timeZone: string, required: string) {
  return z.string(required).transform((value, ctx) => {
    const iso = localInputToIso(value, timeZone);
    if (iso === null) {
      ctx.addIssue({ code: 'custom', message: required });
      return z.NEVER;
    }
    // localInputToIso hands text that names no single instant back unchanged.
    if (iso === value.trim()) {
      ctx.addIssue({ code: 'custom', message: localDateTimeProblem(value.trim(), timeZone) });
      return z.NEVER;
    }
    return new Date(iso);
  });
}

/**
 * What is wrong with a freeze period, or null. Freezes are half-open [startsAt, endsAt), finite and
 * bounded (STYLE §7): the use-cases check again, so an API caller cannot skip it.
 */
export function freezePeriodProblem(startsAt: Date, endsAt: Date): string | null {
  if (endsAt.getTime() <= startsAt.getTime()) return 'The freeze ends before it starts: its end must be after its start.';
  if (endsAt.getTime() - startsAt.getTime() > FREEZE_MAX_DAYS * DAY_MS) return `A freeze lasts at most ${FREEZE_MAX_DAYS} days; shorten it or declare several.`;
  return null;
}

/** Ids ticked in a checkbox group, each once and sorted (so audit before/after compare as sets). */
const ZScopeIds = (unknown: string) =>
  z
    .array(z.uuid(unknown))
    .max(MAX_SCOPE_IDS, `At most ${MAX_SCOPE_IDS}.`)
    .transform((ids) => [...new Set(ids)].sort());

function freezeFields(timeZone: string) {
  return {
    reason: z
      .string('Say why the freeze is declared.')
      .trim()
      .min(1, 'Say why the freeze is declared.')
      .max(FREEZE_REASON_MAX, `At most ${FREEZE_REASON_MAX} characters.`)
      .regex(NO_CONTROL_CHARS_BUT_LINES, 'Remove control characters.').refine(isWellFormedText, BROKEN_TEXT_MESSAGE),
    startsAt: zLocalDateTime(timeZone, 'Enter when the freeze starts.'),
    // No open-ended freezes: a forgotten one would hold every deploy indefinitely.
    endsAt: zLocalDateTime(timeZone, 'A freeze must end: enter when it ends.'),
    serviceIds: ZScopeIds('Unknown service.'),
    environmentIds: ZScopeIds('Unknown environment.'),
  };
}

function checkPeriod(freeze: { startsAt: Date; endsAt: Date }, ctx: z.RefinementCtx) {
  const problem = freezePeriodProblem(freeze.startsAt, freeze.endsAt);
  if (problem) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: problem });
}

/** The declare-a-freeze form, its times typed in the policy zone `timeZone`. */
export function zDeclaredFreeze(timeZone: string) {
  return z.object(freezeFields(timeZone)).superRefine(checkPeriod);
}
export type DeclaredFreezeInput = z.infer<ReturnType<typeof zDeclaredFreeze>>;

export function zDeclaredFreezeEdit(timeZone: string) {
  return z.object({ ...freezeFields(timeZone), freezeId: z.uuid(), expectedVersion: ZExpectedVersion }).superRefine(checkPeriod);
}
export type DeclaredFreezeEdit = z.infer<ReturnType<typeof zDeclaredFreezeEdit>>;

export const ZDeclaredFreezeDelete = z.object({ freezeId: z.uuid(), expectedVersion: ZExpectedVersion });
export type DeclaredFreezeDelete = z.infer<typeof ZDeclaredFreezeDelete>;

/** The checkbox groups of the freeze form: fields that keep every value. */
export const FREEZE_LIST_FIELDS = ['serviceIds', 'environmentIds'] as const;
