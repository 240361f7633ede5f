import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { staleVersion } from '@/lib/server/admin/admin-steps';
import { deletedValues, fromDbDate, lockHolidays, requireFreezeCalendarEditor } from '@/lib/server/calendar/calendar-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { HolidayDelete } from '@/lib/schemas/calendar';

type DeleteHolidayInput = { actor: Actor; at: Date } & HolidayDelete;

/**
 * Removes a holiday from the calendar. The row is deleted outright, not flagged: a holiday is calendar
 * configuration, and every reader of the calendar (the gate first) would otherwise have to filter
 * deleted rows, where one forgotten filter freezes deploys on a day that is no holiday. Nothing of
 * evidence is lost: the audit event below keeps the whole before-image, and each gate decision stores
 * the reasons it gave at the time.
 */
export async function deleteHoliday({ actor, at, holidayId, expectedVersion }: DeleteHolidayInput): Promise<{ date: string; name: string }> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'holiday', entityId: holidayId, verb: 'delete' });
  return db.$transaction(async (tx) => {
    await lockHolidays(tx);
    const holiday = await tx.holiday.findUnique({ where: { id: holidayId }, select: { date: true, name: true, version: true, createdById: true } });
    if (!holiday) throw new DomainError('NOT_FOUND', 'No such holiday.');
    if (holiday.version !== expectedVersion) throw staleVersion('holiday');
    const { count } = await tx.holiday.deleteMany({ where: { id: holidayId, version: expectedVersion } });
    if (count !== 1) throw staleVersion('holiday');
    const before = { date: fromDbDate(holiday.date), name: holiday.name, version: holiday.version, createdById: holiday.createdById };
    await appendAudit(tx, { action: 'holiday.deleted', entityType: 'holiday', entityId: holidayId, actor, at, changeSet: deletedValues(before) });
    return { date: before.date, name: before.name };
  });
}
