import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { describeFlagAuditProgress } from '@/lib/policy/flag-discipline';
import { ensureMonthlyFlagAudit } from '@/lib/server/flags/open-monthly-audit';
import { listFlagAudits } from '@/lib/server/flags/flag-audits';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { Badge } from '@/components/ui/badge';
import { ListTable } from '@/components/ui/list-table';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { Time } from '@/components/ui/time';
import { formatCalendarMonth } from '@/lib/format/date';

export const metadata: Metadata = { title: 'Flag audits' };

export default async function FlagAuditsPage() {
  await requireUser();
  // The month's audit opens with the first visit (or `npm run flags:audit` on the 1st), whichever comes first.
  const current = await ensureMonthlyFlagAudit(new Date());
  const [audits, policy] = await Promise.all([listFlagAudits(), currentPolicySettings()]);
  return (
    <>
      <PageHeader
        title="Monthly flag audits"
        description={<>Every month the flags past their TTL are listed for their owners to remove or, with a reason, extend (CTRL-012.4). The current list is on <Link href="/flags/stale" className={LINK}>Stale flags</Link>.</>}
      />
      <p className="mb-4 text-sm"><Link href={`/flags/audits/${current.month}`} className={LINK}>Open the {formatCalendarMonth(`${current.month}-01`)} audit</Link></p>
      <ListTable caption="Monthly flag audits, newest first" columns={['Month', 'Opened', 'Progress', 'Status']}>
        {audits.map((audit) => (
          <tr key={audit.id}>
            <td className="px-4 py-2"><Link href={`/flags/audits/${audit.month}`} className={LINK}>{formatCalendarMonth(`${audit.month}-01`)}</Link></td>
            <td className="whitespace-nowrap px-4 py-2"><Time at={audit.openedAt} timeZone={policy.timeZone} /></td>
            <td className="px-4 py-2">{describeFlagAuditProgress(audit.progress)}</td>
            <td className="px-4 py-2">
              {audit.closedAt ? <Badge tone="good">Closed <Time at={audit.closedAt} timeZone={policy.timeZone} /></Badge> : <Badge tone="warn">Open</Badge>}
            </td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}
