import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { lockHolidays, requireFreeDate, requireFreezeCalendarEditor, toDbDate } from '@/lib/server/calendar/calendar-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { HolidayInput } from '@/lib/schemas/calendar';

type CreateHolidayInput = { actor: Actor; at: Date } & HolidayInput;

/** Adds a company holiday: the whole local day `date` in the policy zone. */
export async function createHoliday({ actor, at, date, name }: CreateHolidayInput): Promise<{ id: string }> {
  await requireFreezeCalendarEditor({ actor, at, entityType: 'holiday', verb: 'create' });
  return db.$transaction(async (tx) => {
    await lockHolidays(tx);
    await requireFreeDate(tx, date);
    const created = await tx.holiday.create({ data: { date: toDbDate(date), name, createdById: actor.id, createdAt: at }, select: { id: true } });
    await appendAudit(tx, { action: 'holiday.created', entityType: 'holiday', entityId: created.id, actor, at, changeSet: { date, name } });
    return created;
  });
}
