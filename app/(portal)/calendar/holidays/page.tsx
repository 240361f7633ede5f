import type { Metadata } from 'next';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { listHolidays } from '@/lib/server/calendar/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { localCalendarDate, weekdayOfDate } from '@/lib/time/local-day';
import { PageHeader } from '@/components/ui/page-header';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { DataTable } from '@/components/admin/data-table';
import { holidayFields } from '@/components/calendar/holiday-fields';
import { createHolidayAction } from './actions';

export const metadata: Metadata = { title: 'Company holidays' };

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

type HolidayItem = { id: string; date: string; name: string };

function HolidayTable({ caption, rows, isEditor, empty }: Readonly<{ caption: string; rows: HolidayItem[]; isEditor: boolean; empty: string }>) {
  return (
    <DataTable
      caption={caption}
      rows={rows}
      rowKey={(holiday) => holiday.id}
      empty={empty}
      columns={[
        {
          header: 'Date',
          cell: (holiday) => {
            const date = <time dateTime={holiday.date}>{holiday.date}</time>;
            return isEditor ? <Link href={`/calendar/holidays/${holiday.id}`} className={LINK}>{date}</Link> : date;
          },
          className: 'whitespace-nowrap',
        },
        { header: 'Day', cell: (holiday) => WEEKDAYS[weekdayOfDate(holiday.date)] },
        { header: 'Name', cell: (holiday) => holiday.name },
      ]}
    />
  );
}

export default async function HolidaysPage() {
  const user = await requireUser();
  const [holidays, policy] = await Promise.all([listHolidays(), currentPolicySettings()]);
  const isEditor = canEditFreezeCalendar(user);
  // Today is the local date in the policy zone: a holiday is the whole local day there.
  const today = localCalendarDate(new Date(), policy.timeZone);
  const upcoming = holidays.filter((holiday) => holiday.date >= today);
  const past = holidays.filter((holiday) => holiday.date < today).reverse();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/calendar" className={LINK}>Freeze calendar</Link></p>
      <PageHeader
        title="Company holidays"
        description={`Whole days in ${policy.timeZone} on which only emergency changes deploy (CTRL-012.2).${isEditor ? ' Choose a date to edit or delete a holiday.' : ' Engineering managers keep this list.'}`}
        actions={isEditor ? <Link href="/calendar/holidays/import" className={BUTTON_SECONDARY}>Import holidays</Link> : null}
      />
      <section aria-labelledby="upcoming-holidays">
        <h2 id="upcoming-holidays" className="mb-3 text-lg font-semibold">Upcoming ({upcoming.length})</h2>
        <HolidayTable caption="Upcoming holidays, soonest first" rows={upcoming} isEditor={isEditor} empty="No upcoming holidays." />
      </section>
      <details className="mt-6">
        <summary className="cursor-pointer text-lg font-semibold">Past holidays ({past.length})</summary>
        <div className="mt-3">
          <HolidayTable caption="Past holidays, latest first" rows={past} isEditor={isEditor} empty="No past holidays." />
        </div>
      </details>
      {isEditor ? (
        <section aria-labelledby="new-holiday" className="mt-8">
          <h2 id="new-holiday" className="mb-3 text-lg font-semibold">Add a holiday</h2>
          <AdminForm action={createHolidayAction} idPrefix="new-holiday" fields={holidayFields(policy.timeZone)} submitLabel="Add holiday" />
        </section>
      ) : null}
    </>
  );
}
