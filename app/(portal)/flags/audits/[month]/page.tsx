import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { formatCalendarDate, formatCalendarMonth } from '@/lib/format/date';
import { describeFlagAuditProgress, FLAG_AUDIT_DECISION_LABEL, MAX_FLAG_EXTENSION_DAYS } from '@/lib/policy/flag-discipline';
import { FLAG_TYPE_LABEL } from '@/lib/policy/flag-naming';
import { DomainError } from '@/lib/server/errors';
import { getFlagAudit, type FlagAuditView } from '@/lib/server/flags/flag-audits';
import { Badge } from '@/components/ui/badge';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { Time } from '@/components/ui/time';
import { FlagAuditDecisionForm } from '@/components/flags/flag-audit-decision-form';
import { localCalendarDate } from '@/lib/time/local-day';
import { decideFlagAuditItemAction } from './actions';

type Props = { params: Promise<{ month: string }> };

export async function generateMetadata({ params }: Readonly<Props>): Promise<Metadata> {
  return { title: `Flag audit ${(await params).month}` };
}

async function findAudit(...args: Parameters<typeof getFlagAudit>): Promise<FlagAuditView> {
  try {
    return await getFlagAudit(...args);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

type Item = FlagAuditView['items'][number];

function Decision({ item, timeZone }: Readonly<{ item: Item; timeZone: string }>) {
  if (item.decision === 'pending') return <Badge tone="warn">Pending</Badge>;
  const by = item.decidedBy ? item.decidedBy.name ?? item.decidedBy.email : 'unknown';
  return (
    <div className="space-y-1">
      <Badge tone={item.decision === 'removed' ? 'good' : 'info'}>{FLAG_AUDIT_DECISION_LABEL[item.decision]}</Badge>
      <p>
        By {by}{item.decidedAt ? <>, <Time at={item.decidedAt} timeZone={timeZone} /></> : null}.
        {item.decision === 'extended' && item.extendedTo ? <> Kept until {formatCalendarDate(localCalendarDate(item.extendedTo, timeZone))}: {item.reason}</> : null}
      </p>
    </div>
  );
}

export default async function FlagAuditPage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const at = new Date();
  const view = await findAudit(user, (await params).month, at);
  const { audit, items, progress, timeZone, extensionDates } = view;
  const monthName = formatCalendarMonth(`${audit.month}-01`);
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/flags/audits" className={LINK}>All flag audits</Link></p>
      <PageHeader
        title={`Flag audit: ${monthName}`}
        description={<>Opened <Time at={audit.openedAt} timeZone={timeZone} />; it lists every flag past its TTL during the month. Each owner (or their team) removes the flag or extends it with a reason, by at most {MAX_FLAG_EXTENSION_DAYS} days.</>}
      />
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        {audit.closedAt ? <Badge tone="good">Closed</Badge> : <Badge tone="warn">Open</Badge>}
        <span>{describeFlagAuditProgress(progress)}{audit.closedAt ? <>; closed <Time at={audit.closedAt} timeZone={timeZone} /></> : null}.</span>
      </p>
      {items.length === 0 ? <p className="text-sm">No flag has been past its TTL this month.</p> : (
        <ul aria-label="Audited flags" className="space-y-4">
          {items.map((item) => (
            <li key={item.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-mono text-base font-semibold">{item.flag.key}</h2>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">Type</dt><dd>{FLAG_TYPE_LABEL[item.flag.type]}</dd>
                <dt className="text-slate-600">Team</dt><dd>{item.flag.team.name}</dd>
                <dt className="text-slate-600">Owner</dt><dd>{item.flag.owner.name ?? item.flag.owner.email}</dd>
                <dt className="text-slate-600">Purpose</dt><dd>{item.flag.purpose}</dd>
                <dt className="text-slate-600">Age</dt>
                <dd>Created <Time at={item.flag.createdAt} timeZone={timeZone} />{item.daysStale !== null ? `; stale for ${item.daysStale} day${item.daysStale === 1 ? '' : 's'}` : ''}</dd>
                <dt className="text-slate-600">Decision</dt><dd><Decision item={item} timeZone={timeZone} /></dd>
              </dl>
              {item.isDecider ? (
                <FlagAuditDecisionForm action={decideFlagAuditItemAction} itemId={item.id} version={item.version} flagKey={item.flag.key} minDate={extensionDates.min} maxDate={extensionDates.max} timeZone={timeZone} isOpen={item.canDecide} />
              ) : item.decision === 'pending' && !audit.closedAt ? (
                <p className="mt-3 text-sm text-slate-600">Only the flag&apos;s owner or a member of its team decides it.</p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
