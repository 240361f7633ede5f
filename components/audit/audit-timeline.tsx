import { Time } from '@/components/ui/time';
import { controlForAction } from '@/lib/policy/audit-controls';

export type TimelineEvent = { seq: bigint; at: Date; action: string; actorName: string | null; changeSet: unknown };

/** Every recorded event of one record, oldest first; details are shown as text, never as markup. */
export function AuditTimeline({ events, timeZone }: Readonly<{ events: TimelineEvent[]; timeZone: string }>) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No events recorded.</p>;
  return (
    <ol className="space-y-3 border-l border-slate-300 pl-4">
      {events.map((event) => (
        <li key={event.seq.toString()} className="text-sm">
          <p>
            <span className="font-medium">{event.action}</span> by {event.actorName ?? 'the system'} · <Time at={event.at} timeZone={timeZone} />{' '}
            <span className="text-slate-600">#{event.seq.toString()}</span>
            {controlForAction(event.action) ? <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{controlForAction(event.action)}</span> : null}
          </p>
          <details className="mt-1">
            <summary className="cursor-pointer text-slate-600">Details</summary>
            <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 text-xs">{JSON.stringify(event.changeSet, null, 2)}</pre>
          </details>
        </li>
      ))}
    </ol>
  );
}
