import { AuditTimeline, type TimelineEvent } from '@/components/audit/audit-timeline';

/** The side column of a record's page: its audit events, oldest first, under a "Timeline" heading. */
export function AuditTimelineSection({ events, timeZone }: Readonly<{ events: TimelineEvent[]; timeZone: string }>) {
  return (
    <section aria-labelledby="timeline">
      <h2 id="timeline" className="mb-3 text-lg font-semibold">Timeline</h2>
      <AuditTimeline events={events} timeZone={timeZone} />
    </section>
  );
}
