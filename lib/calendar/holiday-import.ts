// Company holidays (CTRL-012.2) read from an uploaded CSV or iCalendar file, and what importing them
// would change. Pure: no IO, no clock (the caller passes the local date `today`).
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { csvProblem } from '@/lib/format/csv';
import ICAL from 'ical.js';
import type { ActionState } from '@/lib/actions/action-state';
import { HOLIDAY_FILE_MAX_BYTES, HOLIDAY_FILE_MAX_ROWS, ZHolidayDate, ZHolidayName } from '@/lib/schemas/calendar';
import { addCalendarDays, isCalendarDate } from '@/lib/time/local-day';

// Assumption: recurring events (RRULE, e.g. a yearly holiday) are expanded from the import's local
// date up to 3 years ahead, end excluded. Past occurrences gate nothing any more, and an endless rule
// needs a horizon; importing the file again later adds the years that came into range.
export const RECURRENCE_HORIZON_YEARS = 3;
/** Steps through one recurrence rule at most this often, so a rule that never matches cannot spin. */
const MAX_RECURRENCE_STEPS = 20_000;

export type HolidayFileFormat = 'csv' | 'ics';

/** One holiday the file names, with where it came from (`line 4`, `event 2 (“Boxing Day”)`). */
export type HolidayRow = { date: string; name: string; where: string };

/** A row or event that is not imported, and why: reported, never dropped silently. */
export type RejectedRow = { where: string; reason: string };

export type HolidayFile = { format: HolidayFileFormat; rows: HolidayRow[]; rejected: RejectedRow[] };

/** What importing the file does to the calendar: the plan a preview shows and an apply carries out. */
export type HolidayImportPlan = {
  format: HolidayFileFormat;
  /** Dates with no holiday yet. */
  added: HolidayRow[];
  /** Dates already holidays under another name; the import renames them. */
  renamed: (HolidayRow & { previousName: string })[];
  /** Dates already holidays under this very name: nothing to do. */
  unchanged: HolidayRow[];
  rejected: RejectedRow[];
};

/** The import form's state: a previewed file carries its plan and its text, for the apply step. */
export type HolidayImportState = ActionState & { preview?: HolidayImportPlan & { fileName: string; content: string } };

/** The whole file is unusable (wrong kind, empty, too big, unreadable); its message is safe to show. */
export class HolidayFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HolidayFileError';
  }
}

/** The uploaded bytes as text: UTF-8 only, so a binary or mis-encoded file fails loudly, not as garbage names. */
export function decodeHolidayFile(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new HolidayFileError('The file is empty.');
  if (bytes.byteLength > HOLIDAY_FILE_MAX_BYTES) throw new HolidayFileError('The file is over 1 MB; split it into smaller files.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HolidayFileError('The file is not UTF-8 text. Export it as CSV (UTF-8) or as an .ics calendar.');
  }
}

/**
 * The holidays a CSV or iCalendar file names. The kind is told by the name (`.csv`, `.ics`) or by an
 * iCalendar's first line. Throws HolidayFileError when the file as a whole cannot be used; single bad
 * rows come back in `rejected`.
 */
export function parseHolidayFile({ fileName, content, today }: { fileName: string; content: string; today: string }): HolidayFile {
  const text = content.replace(/^\uFEFF/, '');
  if (new TextEncoder().encode(text).byteLength > HOLIDAY_FILE_MAX_BYTES) throw new HolidayFileError('The file is over 1 MB; split it into smaller files.');
  if (text.includes('\u0000')) throw new HolidayFileError('The file is not text. Upload a .csv or .ics file.');
  if (text.trim() === '') throw new HolidayFileError('The file is empty.');
  const format = detectFormat(fileName, text);
  return format === 'ics' ? parseIcs(text, today) : parseCsvFile(text);
}

function detectFormat(fileName: string, text: string): HolidayFileFormat {
  const extension = /\.([^./\\]+)$/.exec(fileName.trim().toLowerCase())?.[1];
  const isCalendar = /^BEGIN:VCALENDAR\r?$/im.test(text.trimStart().split('\n', 1)[0] ?? '');
  if (extension === 'ics') {
    if (!isCalendar) throw new HolidayFileError('This .ics file is not an iCalendar file: it must start with BEGIN:VCALENDAR.');
    return 'ics';
  }
  if (isCalendar) return 'ics';
  if (extension === 'csv') return 'csv';
  throw new HolidayFileError('Upload a .csv file (columns date,name) or an .ics calendar.');
}

/**
 * Keeps the first row of each date. A later row for the same date is reported, not merged: with the
 * same name it is a repeat, with another it contradicts the first and neither name can be trusted.
 */
function collect(candidates: { date: string; name: string; where: string }[], rejected: RejectedRow[]): HolidayRow[] {
  const byDate = new Map<string, HolidayRow>();
  for (const row of candidates) {
    const first = byDate.get(row.date);
    if (!first) byDate.set(row.date, row);
    else if (first.name === row.name) rejected.push({ where: row.where, reason: `${row.date} repeats ${first.where}.` });
    else rejected.push({ where: row.where, reason: `${row.date} is already “${first.name}” on ${first.where}.` });
  }
  if (byDate.size > HOLIDAY_FILE_MAX_ROWS) throw new HolidayFileError(`The file names ${byDate.size} holidays; import at most ${HOLIDAY_FILE_MAX_ROWS} at a time.`);
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

/** The first message of a zod refusal of `value`, or null when it is valid. */
function problem(schema: typeof ZHolidayDate | typeof ZHolidayName, value: string): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid.');
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────

const DATE_COLUMNS = ['date', 'day', 'holiday date'];
const NAME_COLUMNS = ['name', 'holiday', 'holiday name', 'summary', 'title', 'description'];

type CsvRecord = { info: { lines: number }; record: string[] };

function parseCsvFile(text: string): HolidayFile {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  // Spreadsheets in comma-decimal locales write `;`: the header line tells which one the file uses.
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: CsvRecord[];
  try {
    // With `info`, csv-parse returns `{ info, record }` per row (its typings only model `columns`).
    records = parseCsv(text, { delimiter, info: true, trim: true, skip_empty_lines: true, skip_records_with_empty_values: true, relax_column_count: true, max_record_size: 64_000 }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new HolidayFileError(`The CSV file cannot be read near line ${error.lines}: ${csvProblem(error.code)}`);
    throw error;
  }
  const [header, ...data] = records;
  const columns = (header?.record ?? []).map((column) => column.trim().toLowerCase());
  const dateIndex = columns.findIndex((column) => DATE_COLUMNS.includes(column));
  const nameIndex = columns.findIndex((column) => NAME_COLUMNS.includes(column));
  if (dateIndex < 0 || nameIndex < 0) {
    throw new HolidayFileError('The first line must name the columns: a date column ("date") and a name column ("name", "holiday" or "summary"), e.g. date,name.');
  }
  if (data.length === 0) throw new HolidayFileError('The CSV file has a header but no holidays.');
  if (data.length > HOLIDAY_FILE_MAX_ROWS) throw new HolidayFileError(`The file has ${data.length} rows; import at most ${HOLIDAY_FILE_MAX_ROWS} at a time.`);

  const rejected: RejectedRow[] = [];
  const candidates: HolidayRow[] = [];
  for (const { info, record } of data) {
    const where = `line ${info.lines}`;
    const date = record[dateIndex] ?? '';
    const name = record[nameIndex] ?? '';
    const reason = problem(ZHolidayDate, date) ?? problem(ZHolidayName, name);
    if (reason) rejected.push({ where, reason });
    else candidates.push({ date: date.trim(), name: name.trim(), where });
  }
  return { format: 'csv', rows: collect(candidates, rejected), rejected };
}

// ── iCalendar ───────────────────────────────────────────────────────────────────────────────

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

function parseIcs(text: string, today: string): HolidayFile {
  let roots: IcalComponent[];
  try {
    const parsed: unknown = ICAL.parse(text);
    // Several VCALENDARs in one file come back as a list of them.
    const jcals = Array.isArray(parsed) && Array.isArray(parsed[0]) ? (parsed as unknown[][]) : [parsed as unknown[]];
    roots = jcals.map((jcal) => new ICAL.Component(jcal));
  } catch {
    throw new HolidayFileError('The iCalendar file cannot be read; export it again from your calendar as .ics.');
  }
  const vevents = roots.filter((root) => root.name === 'vcalendar').flatMap((root) => root.getAllSubcomponents('vevent'));
  if (vevents.length === 0) throw new HolidayFileError('The calendar has no events (VEVENT) to import.');
  if (vevents.length > HOLIDAY_FILE_MAX_ROWS) throw new HolidayFileError(`The calendar has ${vevents.length} events; import at most ${HOLIDAY_FILE_MAX_ROWS} at a time.`);

  const horizon = { from: today, to: yearsLater(today, RECURRENCE_HORIZON_YEARS) };
  const rejected: RejectedRow[] = [];
  const candidates: HolidayRow[] = [];
  const events = relateExceptions(vevents);
  vevents.forEach((vevent, index) => {
    const event = events.get(vevent);
    if (!event) return; // a moved or changed occurrence: read with its recurring event
    const where = `event ${index + 1}${event.summary ? ` (“${event.summary.trim()}”)` : ''}`;
    const result = eventDays(event, horizon);
    if ('reason' in result) rejected.push({ where, reason: result.reason });
    else if (result.days.length === 0) rejected.push({ where, reason: result.empty });
    else {
      for (const day of result.days) {
        const reason = problem(ZHolidayName, day.name);
        if (reason) rejected.push({ where: `${where}, ${day.date}`, reason: `The event has no usable name (SUMMARY): ${reason}` });
        else candidates.push({ date: day.date, name: day.name.trim(), where });
      }
    }
  });
  return { format: 'ics', rows: collect(candidates, rejected), rejected };
}

/**
 * One Event per VEVENT to read. A VEVENT with a RECURRENCE-ID changes one occurrence of the recurring
 * event with its UID: it is attached there (ical.js then applies it) instead of being read on its own.
 */
function relateExceptions(vevents: IcalComponent[]): Map<IcalComponent, IcalEvent> {
  const events = new Map<IcalComponent, IcalEvent>();
  const recurringByUid = new Map<string, IcalEvent>();
  for (const vevent of vevents) {
    if (vevent.hasProperty('recurrence-id')) continue;
    const event = new ICAL.Event(vevent);
    events.set(vevent, event);
    if (event.isRecurring() && event.uid) recurringByUid.set(event.uid, event);
  }
  for (const vevent of vevents) {
    if (!vevent.hasProperty('recurrence-id')) continue;
    const uid = String(vevent.getFirstPropertyValue('uid') ?? '');
    const master = recurringByUid.get(uid);
    if (master) master.relateException(vevent);
    else events.set(vevent, new ICAL.Event(vevent));
  }
  return events;
}

type EventDays = { days: { date: string; name: string }[]; empty: string } | { reason: string };

/** The local days an all-day event covers (each occurrence, for a recurring one), or why it cannot be read. */
function eventDays(event: IcalEvent, horizon: { from: string; to: string }): EventDays {
  const span = allDaySpan(event);
  if ('reason' in span) return span;
  if (!event.isRecurring()) return { days: daysOf(span.start, span.length, event.summary), empty: 'The event covers no day.' };

  const rule = event.component.getFirstPropertyValue('rrule');
  if (!(rule instanceof ICAL.Recur)) return { reason: 'Its recurrence rule (RRULE) cannot be read.' };
  const days: { date: string; name: string }[] = [];
  const iterator = event.iterator();
  for (let step = 0; ; step += 1) {
    if (step === MAX_RECURRENCE_STEPS) return { reason: 'Its recurrence rule (RRULE) repeats too often to expand; list the holidays instead.' };
    const next = iterator.next();
    if (!next) break;
    const date = dateOf(next);
    if (date >= horizon.to) return { days, empty: noOccurrence(horizon) };
    if (!isGenuineOccurrence(rule, event.startDate, next)) continue;
    const details = event.getOccurrenceDetails(next);
    if (isCancelled(details.item.component)) continue;
    const occurrence = details.item === event ? span : allDaySpan(details.item);
    if ('reason' in occurrence) return { reason: `Its occurrence on ${date} was changed: ${occurrence.reason}` };
    const start = details.item === event ? date : occurrence.start;
    if (addCalendarDays(start, occurrence.length) <= horizon.from) continue;
    days.push(...daysOf(start, occurrence.length, details.item.summary || event.summary).filter((day) => day.date >= horizon.from && day.date < horizon.to));
  }
  return { days, empty: noOccurrence(horizon) };
}

/** The same day `years` later; 29 February becomes 1 March in a common year. */
function yearsLater(date: string, years: number): string {
  const later = `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  return isCalendarDate(later) ? later : addCalendarDays(later.replace(/-29$/, '-28'), 1);
}

function noOccurrence(horizon: { from: string; to: string }): string {
  return `The recurring event has no occurrence from ${horizon.from} to ${addCalendarDays(horizon.to, -1)} (imports look ${RECURRENCE_HORIZON_YEARS} years ahead).`;
}

function isCancelled(component: IcalComponent): boolean {
  return String(component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

/** The first day and the number of days of an all-day event; a timed event is refused. */
function allDaySpan(event: IcalEvent): { start: string; length: number } | { reason: string } {
  if (isCancelled(event.component)) return { reason: 'The event is cancelled (STATUS:CANCELLED).' };
  const start = rawDate(event.component, 'dtstart');
  if (start === null) return { reason: 'It has no start date (DTSTART).' };
  if (start === 'timed') return { reason: 'It has a time of day: holidays are whole local days, so make it an all-day event (DTSTART;VALUE=DATE).' };
  if (!isCalendarDate(start)) return { reason: `Its start date ${start} is not a day of the calendar.` };
  const end = rawDate(event.component, 'dtend');
  if (end === 'timed') return { reason: 'Its end (DTEND) has a time of day: holidays are whole local days.' };
  let length = 1; // RFC 5545: an all-day event without DTEND or DURATION lasts its one day.
  if (end !== null) {
    if (!isCalendarDate(end)) return { reason: `Its end date ${end} is not a day of the calendar.` };
    // DTEND of an all-day event is exclusive: 24 → 27 December covers the 24th, 25th and 26th.
    length = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000);
    if (length <= 0) return { reason: `It ends (${end}) before it starts (${start}).` };
  } else if (event.component.hasProperty('duration')) {
    const seconds = event.duration.toSeconds();
    if (seconds <= 0 || seconds % 86_400 !== 0) return { reason: 'Its DURATION is not a whole number of days.' };
    length = seconds / 86_400;
  }
  if (length > HOLIDAY_FILE_MAX_ROWS) return { reason: `It lasts ${length} days; a holiday import takes at most ${HOLIDAY_FILE_MAX_ROWS}.` };
  return { start, length };
}

/** A date property's value as written (`YYYY-MM-DD`), `timed` for a date-time, null when absent. */
function rawDate(component: IcalComponent, name: string): string | 'timed' | null {
  const property = component.getFirstProperty(name);
  if (!property) return null;
  if (property.type !== 'date') return 'timed';
  // ical.js would roll an impossible date over (2026-02-30 → 2026-03-02): read the text as written.
  return String(property.jCal[3] ?? '');
}

function daysOf(start: string, length: number, name: string): { date: string; name: string }[] {
  return Array.from({ length }, (_, offset) => ({ date: addCalendarDays(start, offset), name: name ?? '' }));
}

function dateOf(time: IcalTime): string {
  return `${String(time.year).padStart(4, '0')}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

/**
 * RFC 5545 §3.3.10: a rule that lands on a day the month lacks (30 February, 29 February outside leap
 * years) skips that occurrence. ical.js rolls such days over into the next month instead, so an
 * occurrence whose day or month differs from what the rule asks for is dropped here.
 */
function isGenuineOccurrence(rule: InstanceType<typeof ICAL.Recur>, start: IcalTime, occurrence: IcalTime): boolean {
  const parts = rule.parts as Record<string, (string | number)[] | undefined>;
  const byMonth = parts.BYMONTH?.map(Number);
  if (byMonth && !byMonth.includes(occurrence.month)) return false;
  if (parts.BYMONTHDAY) {
    const daysInMonth = ICAL.Time.daysInMonth(occurrence.month, occurrence.year);
    return parts.BYMONTHDAY.map(Number).some((day) => (day > 0 ? day : daysInMonth + 1 + day) === occurrence.day);
  }
  const hasDayRule = Boolean(parts.BYDAY || parts.BYYEARDAY || parts.BYWEEKNO);
  if (!hasDayRule && (rule.freq === 'YEARLY' || rule.freq === 'MONTHLY')) {
    if (occurrence.day !== start.day) return false;
    if (rule.freq === 'YEARLY' && !byMonth && occurrence.month !== start.month) return false;
  }
  return true;
}

// ── The plan ────────────────────────────────────────────────────────────────────────────────

/** Sorts the file's holidays against the calendar's (`date → name`): added, renamed or unchanged. */
export function planHolidayImport(file: HolidayFile, existing: ReadonlyMap<string, string>): HolidayImportPlan {
  const plan: HolidayImportPlan = { format: file.format, added: [], renamed: [], unchanged: [], rejected: file.rejected };
  for (const row of file.rows) {
    const current = existing.get(row.date);
    if (current === undefined) plan.added.push(row);
    else if (current === row.name) plan.unchanged.push(row);
    else plan.renamed.push({ ...row, previousName: current });
  }
  return plan;
}

/** Whether applying the plan would write anything. */
export function isPlanEmpty(plan: HolidayImportPlan): boolean {
  return plan.added.length === 0 && plan.renamed.length === 0;
}
