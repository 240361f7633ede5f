import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { listDeclaredFreezes, type DeclaredFreezeRow } from '@/lib/server/calendar/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_PRIMARY, LINK } from '@/components/ui/styles';
import { Badge } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import { DataTable } from '@/components/admin/data-table';

export const metadata: Metadata = { title: 'Declared freezes' };

function scopeText(items: { name: string }[], all: string): string {
  return items.length === 0 ? all : items.map((item) => item.name).join(', ');
}

function FreezeTable({ caption, rows, timeZone, at, isEditor, empty }: Readonly<{ caption: string; rows: DeclaredFreezeRow[]; timeZone: string; at: Date; isEditor: boolean; empty: string }>) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(freeze) => freeze.id}
      empty={empty}
      columns={[
        { header: 'Reason', cell: (freeze) => (isEditor ? <Link href={`/calendar/freezes/${freeze.id}`} className={LINK}>{freeze.reason}</Link> : freeze.reason) },
        { header: 'Starts', cell: (freeze) => <Time at={freeze.startsAt} timeZone={timeZone} />, className: 'whitespace-nowrap' },
        { header: 'Ends', cell: (freeze) => <Time at={freeze.endsAt} timeZone={timeZone} />, className: 'whitespace-nowrap' },
        { header: 'Services', cell: (freeze) => scopeText(freeze.services, 'All services') },
        { header: 'Environments', cell: (freeze) => scopeText(freeze.environments, 'All environments') },
        {
          header: 'Status',
          // Half-open [startsAt, endsAt): in force from its start up to, not including, its end.
          cell: (freeze) => (freeze.endsAt <= at ? <Badge>Ended</Badge> : freeze.startsAt <= at ? <Badge tone="bad">In force</Badge> : <Badge tone="info">Upcoming</Badge>),
        },
        { header: 'Declared by', cell: (freeze) => freeze.createdBy.name ?? freeze.createdBy.email },
      ]}
    />
  );
}

export default async function DeclaredFreezesPage() {
  const user = await requireUser();
  const [freezes, policy] = await Promise.all([listDeclaredFreezes(), currentPolicySettings()]);
  const isEditor = canEditFreezeCalendar(user);
  const at = new Date();
  const current = freezes.filter((freeze) => freeze.endsAt > at);
  const past = freezes.filter((freeze) => freeze.endsAt <= at).reverse();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/calendar" className={LINK}>Freeze calendar</Link></p>
      <PageHeader
        title="Declared freezes"
        description={`Periods in which only emergency changes deploy (CTRL-012.2), for every service and environment unless limited. Times in ${policy.timeZone}.${isEditor ? '' : ' Engineering managers declare freezes.'}`}
        actions={isEditor ? <Link href="/calendar/freezes/new" className={BUTTON_PRIMARY}>Declare a freeze</Link> : null}
      />
      <section aria-labelledby="current-freezes">
        <h2 id="current-freezes" className="mb-3 text-lg font-semibold">Current and upcoming ({current.length})</h2>
        <FreezeTable caption="Freezes in force or still to come, by start" rows={current} timeZone={policy.timeZone} at={at} isEditor={isEditor} empty="No freeze is in force or declared ahead." />
      </section>
      <section aria-labelledby="past-freezes" className="mt-8">
        <h2 id="past-freezes" className="mb-3 text-lg font-semibold">Past ({past.length})</h2>
        <FreezeTable caption="Freezes that have ended, latest first" rows={past} timeZone={policy.timeZone} at={at} isEditor={isEditor} empty="No freeze has ended yet." />
      </section>
    </>
  );
}
