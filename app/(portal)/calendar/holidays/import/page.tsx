import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { HolidayImportForm } from '@/components/calendar/holiday-import-form';
import { RECURRENCE_HORIZON_YEARS } from '@/lib/calendar/holiday-import';
import { applyHolidayImportAction, previewHolidayImportAction } from './actions';

export const metadata: Metadata = { title: 'Import holidays' };

export default async function ImportHolidaysPage() {
  const user = await requireUser();
  if (!canEditFreezeCalendar(user)) notFound();
  const policy = await currentPolicySettings();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/calendar/holidays" className={LINK}>All holidays</Link></p>
      <PageHeader
        title="Import holidays"
        description={`Upload a CSV or iCalendar (.ics) file and check the preview before anything is saved. Recurring events are expanded ${RECURRENCE_HORIZON_YEARS} years ahead; timed events are skipped, as holidays are whole days. Importing the same file again changes nothing.`}
      />
      <HolidayImportForm previewAction={previewHolidayImportAction} applyAction={applyHolidayImportAction} timeZone={policy.timeZone} />
    </>
  );
}
