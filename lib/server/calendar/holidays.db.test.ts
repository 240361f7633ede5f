// Company holidays: managers and admins keep them, versioned and audited in the same transaction;
// everyone else is refused and the attempt is logged.
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createHoliday } from '@/lib/server/calendar/create-holiday';
import { updateHoliday } from '@/lib/server/calendar/update-holiday';
import { deleteHoliday } from '@/lib/server/calendar/delete-holiday';
import { createUser } from '@/prisma/factories';
import { freshDates } from '@/lib/server/calendar/test-dates';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

function holidayRow(id: string) {
  return db.holiday.findUnique({ where: { id }, select: { date: true, name: true, version: true, createdById: true } });
}

function events(entityId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'holiday', entityId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, at: true, changeSet: true } });
}

describe('holidays', () => {
  test.each([{ role: 'manager' as const }, { role: 'admin' as const }])('a $role adds one: the row and its created event', async ({ role }) => {
    const editor = await createUser({ role });
    const [date] = freshDates(1);

    const { id } = await createHoliday({ actor: editor, at: AT, date: date!, name: 'Founders’ Day' });

    expect(await holidayRow(id)).toEqual({ date: new Date(`${date}T00:00:00Z`), name: 'Founders’ Day', version: 1, createdById: editor.id });
    expect(await events(id)).toEqual([{ action: 'holiday.created', actorId: editor.id, at: AT, changeSet: { date, name: 'Founders’ Day' } }]);
  });

  test('a second holiday on a taken date is a CONFLICT on the date field and adds nothing', async () => {
    const manager = await createUser({ role: 'manager' });
    const [date] = freshDates(1);
    await createHoliday({ actor: manager, at: AT, date: date!, name: 'First' });
    const eventsBefore = await db.auditEvent.count();

    const message = `${date} is already a holiday (“First”).`;
    await expect(createHoliday({ actor: manager, at: AT, date: date!, name: 'Second' })).rejects.toMatchObject({ code: 'CONFLICT', fieldErrors: { date: [message] } });

    expect(await db.holiday.findMany({ where: { date: new Date(`${date}T00:00:00Z`) }, select: { name: true } })).toEqual([{ name: 'First' }]);
    expect(await db.auditEvent.count()).toBe(eventsBefore);
  });

  test.each([{ role: 'engineer' as const }, { role: 'auditor' as const }])('a $role cannot add one: FORBIDDEN, nothing saved, the attempt audited', async ({ role }) => {
    const reader = await createUser({ role });
    const [date] = freshDates(1);

    await expect(createHoliday({ actor: reader, at: AT, date: date!, name: 'Sneaky' })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await db.holiday.count({ where: { date: new Date(`${date}T00:00:00Z`) } })).toBe(0);
    expect(await db.auditEvent.findMany({ where: { actorId: reader.id }, select: { action: true, entityType: true, at: true } })).toEqual([{ action: 'holiday.create-denied', entityType: 'holiday', at: AT }]);
  });

  test('a manager renames and moves one: the next version and one event with old and new values', async () => {
    const manager = await createUser({ role: 'manager' });
    const [date, moved] = freshDates(2);
    const { id } = await createHoliday({ actor: manager, at: AT, date: date!, name: 'Summer day' });

    await expect(updateHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1, date: moved!, name: 'Midsummer' })).resolves.toEqual({ changed: true });

    expect(await holidayRow(id)).toMatchObject({ date: new Date(`${moved}T00:00:00Z`), name: 'Midsummer', version: 2 });
    expect((await events(id)).at(-1)).toEqual({ action: 'holiday.updated', actorId: manager.id, at: AT, changeSet: { date: { old: date, new: moved }, name: { old: 'Summer day', new: 'Midsummer' } } });
  });

  test('saving it unchanged writes nothing', async () => {
    const manager = await createUser({ role: 'manager' });
    const [date] = freshDates(1);
    const { id } = await createHoliday({ actor: manager, at: AT, date: date!, name: 'Same' });

    await expect(updateHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1, date: date!, name: 'Same' })).resolves.toEqual({ changed: false });

    expect(await holidayRow(id)).toMatchObject({ version: 1 });
    expect(await events(id)).toHaveLength(1);
  });

  test('an edit made on an old version is STALE_VERSION and changes nothing', async () => {
    const manager = await createUser({ role: 'manager' });
    const [date] = freshDates(1);
    const { id } = await createHoliday({ actor: manager, at: AT, date: date!, name: 'Original' });
    await updateHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1, date: date!, name: 'First edit' });

    await expect(updateHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1, date: date!, name: 'Second edit' }))
      .rejects.toMatchObject({ code: 'STALE_VERSION', message: 'Someone else changed this holiday; reload.' });

    expect(await holidayRow(id)).toMatchObject({ name: 'First edit', version: 2 });
    expect(await events(id)).toHaveLength(2);
  });

  test('moving one onto another holiday is a CONFLICT and changes neither', async () => {
    const manager = await createUser({ role: 'manager' });
    const [first, second] = freshDates(2);
    const { id } = await createHoliday({ actor: manager, at: AT, date: first!, name: 'One' });
    await createHoliday({ actor: manager, at: AT, date: second!, name: 'Two' });

    await expect(updateHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1, date: second!, name: 'One' })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await holidayRow(id)).toMatchObject({ date: new Date(`${first}T00:00:00Z`), version: 1 });
    expect(await events(id)).toHaveLength(1);
  });

  test('an engineer cannot edit or delete one; nothing changes and both attempts are audited', async () => {
    const manager = await createUser({ role: 'manager' });
    const engineer = await createUser();
    const [date] = freshDates(1);
    const { id } = await createHoliday({ actor: manager, at: AT, date: date!, name: 'Protected' });

    await expect(updateHoliday({ actor: engineer, at: AT, holidayId: id, expectedVersion: 1, date: date!, name: 'Hijacked' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deleteHoliday({ actor: engineer, at: AT, holidayId: id, expectedVersion: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await holidayRow(id)).toMatchObject({ name: 'Protected', version: 1 });
    expect((await events(id)).map((event) => [event.action, event.actorId])).toEqual([
      ['holiday.created', manager.id], ['holiday.update-denied', engineer.id], ['holiday.delete-denied', engineer.id],
    ]);
  });

  test('a manager deletes one: the row is gone and the event keeps its before-image', async () => {
    const manager = await createUser({ role: 'manager' });
    const [date] = freshDates(1);
    const { id } = await createHoliday({ actor: manager, at: AT, date: date!, name: 'Short-lived' });

    await expect(deleteHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1 })).resolves.toEqual({ date, name: 'Short-lived' });

    expect(await holidayRow(id)).toBeNull();
    expect((await events(id)).at(-1)).toEqual({
      action: 'holiday.deleted', actorId: manager.id, at: AT,
      changeSet: { date: { old: date, new: null }, name: { old: 'Short-lived', new: null }, version: { old: 1, new: null }, createdById: { old: manager.id, new: null } },
    });
  });

  test('deleting on an old version is STALE_VERSION; deleting what is gone is NOT_FOUND', async () => {
    const manager = await createUser({ role: 'manager' });
    const [date] = freshDates(1);
    const { id } = await createHoliday({ actor: manager, at: AT, date: date!, name: 'Kept' });
    await updateHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1, date: date!, name: 'Kept, renamed' });

    await expect(deleteHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 1 })).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect(await holidayRow(id)).toMatchObject({ version: 2 });

    await deleteHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 2 });
    await expect(deleteHoliday({ actor: manager, at: AT, holidayId: id, expectedVersion: 2 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await events(id)).map((event) => event.action)).toEqual(['holiday.created', 'holiday.updated', 'holiday.deleted']);
  });
});
