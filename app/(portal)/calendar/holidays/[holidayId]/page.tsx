import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canEditFreezeCalendar } from '@/lib/policy/permissions';
import { findHoliday } from '@/lib/server/calendar/queries';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { AdminForm } from '@/components/admin/admin-form';
import { ConfirmDeleteForm } from '@/components/calendar/confirm-delete-form';
import { holidayFields } from '@/components/calendar/holiday-fields';
import { findOrNotFound } from '../../../admin/admin-page';
import { deleteHolidayAction, updateHolidayAction } from './actions';

export const metadata: Metadata = { title: 'Edit holiday' };

type Props = { params: Promise<{ holidayId: string }> };

export default async function EditHolidayPage({ params }: Readonly<Props>) {
  const user = await requireUser();
  // Readers see holidays on the list; this page is the editor's only.
  if (!canEditFreezeCalendar(user)) notFound();
  const holiday = await findOrNotFound((await params).holidayId, findHoliday);
  const policy = await currentPolicySettings();
  const hidden = { holidayId: holiday.id, expectedVersion: holiday.version };
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/calendar/holidays" className={LINK}>All holidays</Link></p>
      <PageHeader title={`Edit ${holiday.name}`} description={`${holiday.date}, the whole day in ${policy.timeZone}.`} />
      <AdminForm action={updateHolidayAction} idPrefix="holiday" resetKey={holiday.version} hidden={hidden} fields={holidayFields(policy.timeZone, holiday)} submitLabel="Save holiday" />
      <ConfirmDeleteForm
        action={deleteHolidayAction}
        hidden={hidden}
        summary="Delete this holiday"
        explanation={`Deploys are no longer held on ${holiday.date}. The audit trail keeps a record of the holiday.`}
        confirmLabel="Delete holiday"
      />
    </>
  );
}
