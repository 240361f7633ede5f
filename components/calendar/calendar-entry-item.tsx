import Link from 'next/link';
import { CHANGE_CLASS_INFO, CHANGE_STATUS_LABEL } from '@/lib/policy/change-class';
import { describeClasses, type CalendarEntry, type CalendarEntryKind } from '@/lib/policy/freeze-calendar';
import { describeWeeklyWindow } from '@/lib/policy/policy-settings';
import { SEVERITY_LABEL } from '@/lib/policy/incident';
import type { LocalDay } from '@/lib/time/calendar-grid';
import { formatTimeOfDay } from '@/lib/format/date';
import { LINK } from '@/components/ui/styles';

/**
 * How each kind looks: a word and a symbol carry the meaning (never the colour alone); the border
 * colour only repeats it for a quick scan.
 */
export const ENTRY_STYLE: Record<CalendarEntryKind, { label: string; symbol: string; className: string }> = {
  holiday: { label: 'Holiday', symbol: '★', className: 'border-l-violet-600 bg-violet-50' },
  'declared-freeze': { label: 'Declared freeze', symbol: '⛔', className: 'border-l-red-700 bg-red-50' },
  'weekly-window': { label: 'Weekly freeze', symbol: '❄', className: 'border-l-sky-700 bg-sky-50' },
  incident: { label: 'Incident', symbol: '⚠', className: 'border-l-amber-600 bg-amber-50' },
  'planned-change': { label: 'Planned change', symbol: '◷', className: 'border-l-indigo-600 bg-white' },
  deployment: { label: 'Deploy', symbol: '⇪', className: 'border-l-emerald-700 bg-white' },
};

/** The part of the entry's span on this local day, in words: all day, from, until, or both times. */
function portionOfDay(entry: CalendarEntry, day: LocalDay, timeZone: string): string {
  if (entry.kind === 'holiday') return 'all day';
  const time = (at: Date) => formatTimeOfDay(at, timeZone);
  if (entry.end <= entry.start) return `at ${time(entry.start)}`;
  const startsToday = entry.start >= day.start;
  // Half-open spans: one ending exactly at the next midnight ends "today" for people, as 24:00.
  const endsToday = entry.end <= day.end;
  const endText = entry.end.getTime() === day.end.getTime() ? 'midnight' : time(entry.end);
  if (startsToday && endsToday) return `${time(entry.start)}–${endText}`;
  if (startsToday) return `from ${time(entry.start)}`;
  if (endsToday) return `until ${endText}`;
  return entry.kind === 'incident' && entry.isOngoing ? 'ongoing' : 'all day';
}

function Detail({ entry, isEditor }: Readonly<{ entry: CalendarEntry; isEditor: boolean }>) {
  switch (entry.kind) {
    case 'weekly-window':
      return <>{describeWeeklyWindow(entry.window)}: {describeClasses(entry.window.classes)} changes held</>;
    case 'holiday':
      return isEditor ? <Link href={`/calendar/holidays/${entry.id}`} className={LINK}>{entry.name}</Link> : <>{entry.name}</>;
    case 'declared-freeze': {
      const scope = [entry.serviceNames.length > 0 ? `services: ${entry.serviceNames.join(', ')}` : 'all services', entry.environmentNames.length > 0 ? `environments: ${entry.environmentNames.join(', ')}` : 'all environments'].join('; ');
      return <>{isEditor ? <Link href={`/calendar/freezes/${entry.id}`} className={LINK}>{entry.reason}</Link> : entry.reason} <span className="text-slate-600">({scope})</span></>;
    }
    case 'incident':
      return <><Link href={`/incidents/${entry.id}`} className={LINK}>{entry.reference}</Link> {entry.title}{entry.isBlocking ? <span className="text-slate-600"> (holds unrelated deploys)</span> : null}</>;
    case 'planned-change':
      return <><Link href={`/changes/${entry.id}`} className={LINK}>{entry.reference}</Link> {entry.title} <span className="text-slate-600">({CHANGE_CLASS_INFO[entry.changeClass].label}, {CHANGE_STATUS_LABEL[entry.status]})</span></>;
    case 'deployment':
      return <><Link href={`/changes/${entry.changeId}`} className={LINK}>{entry.reference}</Link> <span className="text-slate-600">({entry.status.replace('_', ' ')})</span></>;
  }
}

/** The kind's label as read: incidents name their severity, deploys their environment. */
function kindLabel(entry: CalendarEntry): string {
  if (entry.kind === 'incident') return `${SEVERITY_LABEL[entry.severity]} incident${entry.isOngoing ? ', ongoing' : ''}`;
  // Production is named as such even when its environment is called something else ("Live").
  if (entry.kind === 'deployment') return `Deploy to ${entry.environmentName}${entry.isProduction && !/production/i.test(entry.environmentName) ? ' (production)' : ''}`;
  return ENTRY_STYLE[entry.kind].label;
}

/** One calendar entry as it falls on one local day. */
export function CalendarEntryItem({ entry, day, timeZone, isEditor }: Readonly<{ entry: CalendarEntry; day: LocalDay; timeZone: string; isEditor: boolean }>) {
  const style = ENTRY_STYLE[entry.kind];
  return (
    <li className={`rounded border border-slate-200 border-l-4 px-1.5 py-1 text-xs leading-snug ${style.className}`}>
      <span className="block">
        <span className="font-semibold"><span aria-hidden="true">{style.symbol} </span>{kindLabel(entry)}</span>
        {', '}
        <span className="whitespace-nowrap">{portionOfDay(entry, day, timeZone)}</span>
      </span>
      <span className="block"><Detail entry={entry} isEditor={isEditor} /></span>
    </li>
  );
}
