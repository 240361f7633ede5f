import Link from 'next/link';
import { describeClasses, heldClassGroups, type FreezeReasonDetail, type ProductionFreezeStatus } from '@/lib/policy/freeze-calendar';
import { describeWeeklyWindow } from '@/lib/policy/policy-settings';
import { SEVERITY_LABEL } from '@/lib/policy/incident';
import { formatCalendarDate, formatInstant } from '@/lib/format/date';

function When({ at, timeZone }: Readonly<{ at: Date; timeZone: string }>) {
  return <time dateTime={at.toISOString()}>{formatInstant(at, timeZone)}</time>;
}

function Reason({ reason, timeZone }: Readonly<{ reason: FreezeReasonDetail; timeZone: string }>) {
  switch (reason.kind) {
    case 'weekly-window':
      return <>weekly window {describeWeeklyWindow(reason.window)} ({timeZone}) for {describeClasses(reason.holds)} changes, this one ending <When at={reason.endsAt} timeZone={timeZone} /></>;
    case 'holiday':
      return <>company holiday {reason.name}, {formatCalendarDate(reason.date)} (the whole day in {timeZone})</>;
    case 'declared-freeze':
      return <>declared freeze “{reason.reason}”{reason.serviceNames.length > 0 ? ` for ${reason.serviceNames.join(', ')}` : ''} until <When at={reason.endsAt} timeZone={timeZone} /></>;
    case 'incident':
      return <>{SEVERITY_LABEL[reason.severity]} incident {reason.reference} active since <When at={reason.startedAt} timeZone={timeZone} />: only changes linked to it as its fix deploy</>;
  }
}

const BANNER = 'border-b px-4 py-2 text-sm';

/**
 * Whether production is frozen now, why, and until when, in the policy zone (CTRL-012.2). `status`
 * is null when it could not be read: then the banner says so rather than guessing "open".
 */
export function FreezeBanner({ status }: Readonly<{ status: ProductionFreezeStatus | null }>) {
  const calendarLink = <Link href="/calendar" className="font-medium underline underline-offset-2">Freeze calendar</Link>;
  if (!status) {
    return (
      <section aria-label="Production freeze status" className={`${BANNER} border-amber-300 bg-amber-50 text-amber-950`}>
        <div className="mx-auto flex max-w-7xl flex-wrap gap-x-3">
          <p><strong><span aria-hidden="true">⚠ </span>Freeze status unavailable</strong> — the gate denies until it can decide.</p>
          {calendarLink}
        </div>
      </section>
    );
  }
  if (!status.isFrozen) {
    return (
      <section aria-label="Production freeze status" className={`${BANNER} border-slate-200 bg-slate-50 text-slate-700`}>
        <div className="mx-auto flex max-w-7xl flex-wrap gap-x-3">
          <p><span aria-hidden="true">● </span>Production is open{status.isGateOff ? ': the deploy gate is off in production' : ''}.</p>
          {calendarLink}
        </div>
      </section>
    );
  }
  const { timeZone } = status;
  const groups = heldClassGroups(status);
  const held = groups.flatMap((group) => group.classes);
  const free = status.classes.filter((entry) => !entry.isHeld).map((entry) => entry.changeClass);
  return (
    <section aria-label="Production freeze status" className={`${BANNER} border-red-300 bg-red-50 text-red-950`}>
      <div className="mx-auto max-w-7xl space-y-0.5">
        <p>
          <strong><span aria-hidden="true">❄ </span>Production is frozen for {describeClasses(held)} changes</strong>
          {': '}
          {status.reasons.map((reason, index) => (
            <span key={`${reason.kind}-${index}`}>{index > 0 ? '; ' : ''}<Reason reason={reason} timeZone={timeZone} /></span>
          ))}
          .
        </p>
        <p>
          {groups.map((group, index) => (
            <span key={group.classes.join()}>
              {index > 0 ? ' ' : ''}
              {group.nextAllowedAt
                ? <>Next opening for {describeClasses(group.classes)} changes: <When at={group.nextAllowedAt} timeZone={timeZone} />.</>
                : <>No predictable opening for {describeClasses(group.classes)} changes: {status.reasons.some((reason) => reason.kind === 'incident') ? 'they wait for the incident to be resolved' : 'the calendar stays closed beyond the next weeks'}.</>}
            </span>
          ))}
          {free.length > 0 ? ` ${describeClasses(free).replace(/^./, (letter) => letter.toUpperCase())} changes may deploy.` : ''}
          {' '}
          {calendarLink}
        </p>
      </div>
    </section>
  );
}
