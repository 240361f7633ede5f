import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { loadCalendarView } from '@/lib/server/calendar/calendar-view';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { localDays, shiftView, viewDates, CALENDAR_VIEWS, type CalendarView } from '@/lib/time/calendar-grid';
import { addCalendarDays, isCalendarDate, localCalendarDate } from '@/lib/time/local-day';
import { formatCalendarDate, formatCalendarMonth } from '@/lib/format/date';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { CalendarLegend, CalendarNav, MonthView, WeekView } from '@/components/calendar/calendar-views';
import { ENTRY_STYLE } from '@/components/calendar/calendar-entry-item';

export const metadata: Metadata = { title: 'Freeze calendar' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function calendarHref(view: CalendarView, date?: string): string {
  const params = new URLSearchParams({ view });
  if (date) params.set('date', date);
  return `/calendar?${params}`;
}

/** The view and anchor date the URL asks for; anything not understood falls back, and says so. */
function parseQuery(params: Record<string, string | string[] | undefined>, today: string) {
  const problems: string[] = [];
  const rawView = single(params.view);
  const view: CalendarView = CALENDAR_VIEWS.find((name) => name === rawView) ?? 'month';
  if (rawView !== undefined && rawView !== view) problems.push(`Unknown view "${rawView}": showing the month.`);
  const rawDate = single(params.date);
  const isDateValid = rawDate !== undefined && isCalendarDate(rawDate);
  if (rawDate !== undefined && !isDateValid) problems.push(`"${rawDate}" is not a date written YYYY-MM-DD: showing today.`);
  return { view, date: isDateValid ? rawDate : today, problems };
}

export default async function CalendarPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const at = new Date();
  const [params, policy] = await Promise.all([searchParams, currentPolicySettings()]);
  const { timeZone } = policy;
  // Today is the local date in the policy zone: the calendar is read there, whatever the browser's zone.
  const today = localCalendarDate(at, timeZone);
  const { view, date, problems } = parseQuery(params, today);
  const dates = viewDates(view, date);
  const { entries, truncatedKinds } = await loadCalendarView({ firstDate: dates[0]!, endDate: addCalendarDays(dates.at(-1)!, 1), policy, actor: user, at });
  const days = localDays(dates, timeZone);
  const isEditor = canEditFreezeCalendar(user);
  const title = view === 'month' ? formatCalendarMonth(date) : `Week of ${formatCalendarDate(dates[0]!)}`;
  const dayProps = { entries, timeZone, isEditor, today };

  return (
    <>
      <PageHeader
        title="Freeze calendar"
        description={<>When production is frozen (CTRL-012.2), and what is planned and deployed. <strong>Times in {timeZone}</strong>, the policy’s time zone.</>}
        actions={isEditor ? (
          <>
            <Link href="/calendar/freezes/new" className={BUTTON_PRIMARY}>Declare a freeze</Link>
            <Link href="/calendar/holidays" className={BUTTON_SECONDARY}>Add holidays</Link>
          </>
        ) : null}
      />
      <CalendarNav
        view={view}
        links={{ previous: calendarHref(view, shiftView(view, date, -1)), today: calendarHref(view), next: calendarHref(view, shiftView(view, date, 1)), month: calendarHref('month', date), week: calendarHref('week', date) }}
      />
      <div role="status" className="mb-3 space-y-2 text-sm empty:hidden">
        {problems.length > 0 ? (
          <ul className="list-inside list-disc rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            {problems.map((problem) => <li key={problem}>{problem}</li>)}
          </ul>
        ) : null}
        {truncatedKinds.length > 0 ? (
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
            Too many entries to show them all: {truncatedKinds.map((kind) => ENTRY_STYLE[kind].label.toLowerCase()).join(', ')}. Use the week view.
          </p>
        ) : null}
      </div>
      <h2 className="mb-3 text-xl font-semibold">{title} <span className="text-base font-normal text-slate-600">({timeZone})</span></h2>
      {view === 'month'
        ? <MonthView days={days} month={date.slice(0, 7)} caption={`${title}, weeks from Monday; times in ${timeZone}`} {...dayProps} />
        : <WeekView days={days} {...dayProps} />}
      <CalendarLegend />
      <section aria-labelledby="calendar-lists" className="mt-6 text-sm">
        <h2 id="calendar-lists" className="text-base font-semibold">Lists and subscription</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li><Link href="/calendar/holidays" className={LINK}>Company holidays</Link> and <Link href="/calendar/freezes" className={LINK}>declared freezes</Link>, as lists.</li>
          <li>
            Subscribe in your calendar app to <code className="rounded bg-slate-100 px-1">/api/v1/freeze-calendar.ics?token=…</code> with
            a token that has the <code className="rounded bg-slate-100 px-1">calendar:read</code> scope (<Link href="/account/tokens" className={LINK}>your API tokens</Link>).
            The URL holds the token: keep it private.
          </li>
        </ul>
      </section>
    </>
  );
}
