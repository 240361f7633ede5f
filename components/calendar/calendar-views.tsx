import Link from 'next/link';
import { sortCalendarEntries, CALENDAR_ENTRY_ORDER, type CalendarEntry } from '@/lib/policy/freeze-calendar';
import { spanTouchesDay, type CalendarView, type LocalDay } from '@/lib/time/calendar-grid';
import { formatCalendarDate } from '@/lib/format/date';
import { CalendarEntryItem, ENTRY_STYLE } from '@/components/calendar/calendar-entry-item';
import { BUTTON_SECONDARY } from '@/components/ui/styles';

const WEEKDAY_NAMES = [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']] as const;

type DayProps = { entries: readonly CalendarEntry[]; timeZone: string; isEditor: boolean; today: string };

function entriesOn(entries: readonly CalendarEntry[], day: LocalDay): CalendarEntry[] {
  return sortCalendarEntries(entries.filter((entry) => spanTouchesDay(entry, day)));
}

function DayEntries({ day, entries, timeZone, isEditor }: Readonly<{ day: LocalDay } & Omit<DayProps, 'today'>>) {
  const items = entriesOn(entries, day);
  if (items.length === 0) return <p className="sr-only">Nothing on this day.</p>;
  return (
    <ul className="mt-1 space-y-1">
      {items.map((entry) => <CalendarEntryItem key={entry.key} entry={entry} day={day} timeZone={timeZone} isEditor={isEditor} />)}
    </ul>
  );
}

/** A month as a table of Monday-first weeks; each cell lists what touches that local day. */
export function MonthView({ days, month, caption, ...props }: Readonly<{ days: LocalDay[]; month: string; caption: string } & DayProps>) {
  const weeks = Array.from({ length: days.length / 7 }, (_, index) => days.slice(index * 7, index * 7 + 7));
  return (
    // Focusable so keyboard users can scroll the table when it is wider than the screen (WCAG 2.1.1).
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-indigo-700">
      <table className="w-full min-w-[56rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {WEEKDAY_NAMES.map(([short, full]) => <th key={full} scope="col" className="border-b border-slate-200 px-2 py-1.5 text-left font-medium"><abbr title={full} className="no-underline">{short}</abbr></th>)}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.date}>
              {week.map((day) => {
                const isToday = day.date === props.today;
                const isOtherMonth = day.date.slice(0, 7) !== month;
                return (
                  <td key={day.date} aria-current={isToday ? 'date' : undefined} className={`h-28 border border-slate-200 p-1 align-top ${isOtherMonth ? 'bg-slate-50' : ''}`}>
                    <p className={`text-xs ${isOtherMonth ? 'text-slate-600' : 'font-semibold text-slate-900'}`}>
                      <time dateTime={day.date}>
                        <span aria-hidden="true">{Number(day.date.slice(8))}</span>
                        <span className="sr-only">{formatCalendarDate(day.date)}</span>
                      </time>
                      {isToday ? <span className="ml-1 rounded bg-slate-900 px-1 text-white">Today</span> : null}
                    </p>
                    <DayEntries day={day} {...props} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A week as a list of days, each with its heading, for reading in detail. */
export function WeekView({ days, ...props }: Readonly<{ days: LocalDay[] } & DayProps>) {
  return (
    <ol className="space-y-3">
      {days.map((day) => {
        const items = entriesOn(props.entries, day);
        const isToday = day.date === props.today;
        return (
          <li key={day.date} aria-current={isToday ? 'date' : undefined} className="rounded-lg border border-slate-200 bg-white p-3">
            <div className="flex items-center gap-2">
              <h3 className="text-base font-semibold"><time dateTime={day.date}>{formatCalendarDate(day.date)}</time></h3>
              {isToday ? <span className="rounded bg-slate-900 px-1.5 text-xs font-medium text-white">Today</span> : null}
            </div>
            {items.length === 0 ? <p className="mt-1 text-sm text-slate-600">Nothing on this day.</p> : (
              <ul className="mt-1 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
                {items.map((entry) => <CalendarEntryItem key={entry.key} entry={entry} day={day} timeZone={props.timeZone} isEditor={props.isEditor} />)}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}

// The view shown: marked by aria-current and an underline, not by its colours alone.
const CURRENT_VIEW = 'inline-flex items-center justify-center rounded-md border border-slate-900 bg-slate-900 px-4 py-2 text-sm font-medium text-white underline underline-offset-4 shadow-sm';

export type CalendarNavLinks = { previous: string; today: string; next: string; month: string; week: string };

/** Previous, today and next, and the switch between month and week: plain links, so they work without JavaScript. */
export function CalendarNav({ view, links }: Readonly<{ view: CalendarView; links: CalendarNavLinks }>) {
  const unit = view === 'week' ? 'week' : 'month';
  const viewLink = (target: CalendarView, label: string) => (
    <Link href={links[target]} aria-current={view === target ? 'page' : undefined} className={view === target ? CURRENT_VIEW : BUTTON_SECONDARY}>{label}</Link>
  );
  return (
    <nav aria-label="Calendar" className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Link href={links.previous} className={BUTTON_SECONDARY}><span aria-hidden="true">← </span>Previous {unit}</Link>
        <Link href={links.today} className={BUTTON_SECONDARY}>Today</Link>
        <Link href={links.next} className={BUTTON_SECONDARY}>Next {unit}<span aria-hidden="true"> →</span></Link>
      </div>
      <div className="flex gap-2">
        {viewLink('month', 'Month')}
        {viewLink('week', 'Week')}
      </div>
    </nav>
  );
}

/** What each symbol and label means. */
export function CalendarLegend() {
  return (
    <section aria-labelledby="calendar-legend" className="mt-6">
      <h2 id="calendar-legend" className="text-base font-semibold">Legend</h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-xs">
        {CALENDAR_ENTRY_ORDER.map((kind) => (
          <li key={kind} className={`rounded border border-slate-200 border-l-4 px-2 py-1 ${ENTRY_STYLE[kind].className}`}>
            <span aria-hidden="true">{ENTRY_STYLE[kind].symbol} </span>{ENTRY_STYLE[kind].label}
          </li>
        ))}
      </ul>
    </section>
  );
}
