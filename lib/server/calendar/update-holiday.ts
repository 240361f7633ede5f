import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { staleVersion } from '@/lib/server/admin/admin-steps';
import { changedValues, fromDbDate, lockHolidays, requireFreeDate, requireFreezeCalendarEditor, toDbDate } from '@/lib/server/calendar/calendar-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { HolidayEdit } from '@/lib/schemas/calendar';

type UpdateHolidayInput = { actor: Actor; at: Date } & HolidayEdit;

/** Renames a holiday or moves it to another date, on the version the editor saw. */
export async function updateHoliday({ actor, at, holidayId, expectedVersion, date, name }: UpdateHolidayInput): Promise<{ changed: boolean }> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'holiday', entityId: holidayId, verb: 'update' });
  return db.$transaction(async (tx) => {
    await lockHolidays(tx);
    const holiday = await tx.holiday.findUnique({ where: { id: holidayId }, select: { date: true, name: true, version: true } });
    if (!holiday) throw new DomainError('NOT_FOUND', 'No such holiday.');
    if (holiday.version !== expectedVersion) throw staleVersion('holiday');
    const changeSet = changedValues({ date: fromDbDate(holiday.date), name: holiday.name }, { date, name });
    if (Object.keys(changeSet).length === 0) return { changed: false };
    if (changeSet.date) await requireFreeDate(tx, date, holidayId);
    const { count } = await tx.holiday.updateMany({ where: { id: holidayId, version: expectedVersion }, data: { date: toDbDate(date), name, version: { increment: 1 } } });
    if (count !== 1) throw staleVersion('holiday');
    await appendAudit(tx, { action: 'holiday.updated', entityType: 'holiday', entityId: holidayId, actor, at, changeSet });
    return { changed: true };
  });
}
