// Declared freezes: managers and admins declare, edit and delete them, versioned and audited in the
// same transaction; their scope names services and environments that exist; readers are refused.
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createDeclaredFreeze } from '@/lib/server/calendar/create-declared-freeze';
import { updateDeclaredFreeze } from '@/lib/server/calendar/update-declared-freeze';
import { deleteDeclaredFreeze } from '@/lib/server/calendar/delete-declared-freeze';
import { createEnvironment, createService, createTeam, createUser } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');
// Far ahead, so no gate test of this decade ever meets these freezes.
const STARTS = new Date('2299-12-23T17:00:00.000Z');
const ENDS = new Date('2300-01-04T08:00:00.000Z');
const UNKNOWN = '00000000-0000-7000-8000-000000000000';

afterAll(() => db.$disconnect());

async function scope() {
  const team = await createTeam();
  const [service, other] = [await createService(team.id), await createService(team.id)];
  const environment = await createEnvironment({ isProduction: true, isGated: true });
  return { service, other, environment };
}

function freezeRow(id: string) {
  return db.declaredFreeze.findUnique({
    where: { id },
    select: { reason: true, startsAt: true, endsAt: true, version: true, createdById: true, services: { select: { serviceId: true } }, environments: { select: { environmentId: true } } },
  });
}

function events(entityId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'freeze', entityId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, at: true, changeSet: true } });
}

const freeze = (overrides: Partial<{ reason: string; startsAt: Date; endsAt: Date; serviceIds: string[]; environmentIds: string[] }> = {}) => ({
  reason: 'Year-end close', startsAt: STARTS, endsAt: ENDS, serviceIds: [], environmentIds: [], ...overrides,
});

describe('declared freezes', () => {
  test('a manager declares one limited to a service: the row, its scope and the declared event', async () => {
    const manager = await createUser({ role: 'manager' });
    const { service, environment } = await scope();

    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze({ serviceIds: [service.id], environmentIds: [environment.id] }) });

    expect(await freezeRow(id)).toEqual({
      reason: 'Year-end close', startsAt: STARTS, endsAt: ENDS, version: 1, createdById: manager.id,
      services: [{ serviceId: service.id }], environments: [{ environmentId: environment.id }],
    });
    expect(await events(id)).toEqual([{
      action: 'freeze.declared', actorId: manager.id, at: AT,
      changeSet: { reason: 'Year-end close', startsAt: STARTS.toISOString(), endsAt: ENDS.toISOString(), serviceIds: [service.id], environmentIds: [environment.id] },
    }]);
  });

  test.each([
    { label: 'an unknown service', input: { serviceIds: [UNKNOWN] }, fieldErrors: { serviceIds: ['Unknown service; reload the page.'] } },
    { label: 'an unknown environment', input: { environmentIds: [UNKNOWN] }, fieldErrors: { environmentIds: ['Unknown environment; reload the page.'] } },
    { label: 'an end before the start', input: { endsAt: new Date(STARTS.getTime() - 60_000) }, fieldErrors: { endsAt: ['The freeze ends before it starts: its end must be after its start.'] } },
    { label: 'a period over 366 days', input: { endsAt: new Date(STARTS.getTime() + 367 * 86_400_000) }, fieldErrors: { endsAt: ['A freeze lasts at most 366 days; shorten it or declare several.'] } },
  ])('$label is INVALID and saves nothing', async ({ input, fieldErrors }) => {
    const manager = await createUser({ role: 'manager' });
    const reason = `Refused ${Math.random()}`;

    await expect(createDeclaredFreeze({ actor: manager, at: AT, ...freeze({ reason, ...input }) })).rejects.toMatchObject({ code: 'INVALID', fieldErrors });

    expect(await db.declaredFreeze.count({ where: { reason } })).toBe(0);
    expect(await db.auditEvent.count({ where: { actorId: manager.id } })).toBe(0);
  });

  test.each([{ role: 'engineer' as const }, { role: 'auditor' as const }])('a $role cannot declare one: FORBIDDEN, nothing saved, the attempt audited', async ({ role }) => {
    const reader = await createUser({ role });
    const reason = `Sneaky ${Math.random()}`;

    await expect(createDeclaredFreeze({ actor: reader, at: AT, ...freeze({ reason }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await db.declaredFreeze.count({ where: { reason } })).toBe(0);
    expect(await db.auditEvent.findMany({ where: { actorId: reader.id }, select: { action: true, entityType: true } })).toEqual([{ action: 'freeze.declare-denied', entityType: 'freeze' }]);
  });

  test('an edit replaces the scope and moves the end: the next version and one event with what changed', async () => {
    const manager = await createUser({ role: 'manager' });
    const { service, other, environment } = await scope();
    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze({ serviceIds: [service.id], environmentIds: [environment.id] }) });
    const later = new Date(ENDS.getTime() + 86_400_000);

    await expect(updateDeclaredFreeze({ actor: manager, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ endsAt: later, serviceIds: [other.id] }) })).resolves.toEqual({ changed: true });

    expect(await freezeRow(id)).toMatchObject({ endsAt: later, version: 2, services: [{ serviceId: other.id }], environments: [] });
    expect((await events(id)).at(-1)).toEqual({
      action: 'freeze.updated', actorId: manager.id, at: AT,
      changeSet: { endsAt: { old: ENDS.toISOString(), new: later.toISOString() }, serviceIds: { old: [service.id], new: [other.id] }, environmentIds: { old: [environment.id], new: [] } },
    });
  });

  test('saving it unchanged writes nothing', async () => {
    const manager = await createUser({ role: 'manager' });
    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze() });

    await expect(updateDeclaredFreeze({ actor: manager, at: AT, freezeId: id, expectedVersion: 1, ...freeze() })).resolves.toEqual({ changed: false });

    expect(await freezeRow(id)).toMatchObject({ version: 1 });
    expect(await events(id)).toHaveLength(1);
  });

  test('an edit made on an old version is STALE_VERSION and changes nothing', async () => {
    const manager = await createUser({ role: 'manager' });
    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze() });
    await updateDeclaredFreeze({ actor: manager, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ reason: 'First edit' }) });

    await expect(updateDeclaredFreeze({ actor: manager, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ reason: 'Second edit' }) }))
      .rejects.toMatchObject({ code: 'STALE_VERSION', message: 'Someone else changed this freeze; reload.' });

    expect(await freezeRow(id)).toMatchObject({ reason: 'First edit', version: 2 });
    expect(await events(id)).toHaveLength(2);
  });

  test('two managers editing the same version at once: one wins, the other is STALE_VERSION', async () => {
    const [first, second] = [await createUser({ role: 'manager' }), await createUser({ role: 'admin' })];
    const { service, other } = await scope();
    const { id } = await createDeclaredFreeze({ actor: first, at: AT, ...freeze() });

    const results = await Promise.allSettled([
      updateDeclaredFreeze({ actor: first, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ reason: 'By first', serviceIds: [service.id] }) }),
      updateDeclaredFreeze({ actor: second, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ reason: 'By second', serviceIds: [other.id] }) }),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'STALE_VERSION' } });
    const row = await freezeRow(id);
    // The scope belongs to the edit that won, never a mix of both.
    expect([['By first', service.id], ['By second', other.id]]).toContainEqual([row!.reason, row!.services.map((link) => link.serviceId).join()]);
    expect(row!.version).toBe(2);
    expect((await events(id)).map((event) => event.action)).toEqual(['freeze.declared', 'freeze.updated']);
  });

  test('an engineer cannot edit or delete one; nothing changes and both attempts are audited', async () => {
    const manager = await createUser({ role: 'manager' });
    const engineer = await createUser();
    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze() });

    await expect(updateDeclaredFreeze({ actor: engineer, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ reason: 'Hijacked' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deleteDeclaredFreeze({ actor: engineer, at: AT, freezeId: id, expectedVersion: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await freezeRow(id)).toMatchObject({ reason: 'Year-end close', version: 1 });
    expect((await events(id)).map((event) => [event.action, event.actorId])).toEqual([['freeze.declared', manager.id], ['freeze.update-denied', engineer.id], ['freeze.delete-denied', engineer.id]]);
  });

  test('an admin deletes one: the row and its scope are gone, the event keeps the before-image', async () => {
    const manager = await createUser({ role: 'manager' });
    const admin = await createUser({ role: 'admin' });
    const { service } = await scope();
    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze({ serviceIds: [service.id] }) });

    await expect(deleteDeclaredFreeze({ actor: admin, at: AT, freezeId: id, expectedVersion: 1 })).resolves.toEqual({ reason: 'Year-end close' });

    expect(await freezeRow(id)).toBeNull();
    expect(await db.declaredFreezeService.count({ where: { declaredFreezeId: id } })).toBe(0);
    expect((await events(id)).at(-1)).toEqual({
      action: 'freeze.deleted', actorId: admin.id, at: AT,
      changeSet: {
        reason: { old: 'Year-end close', new: null }, startsAt: { old: STARTS.toISOString(), new: null }, endsAt: { old: ENDS.toISOString(), new: null },
        serviceIds: { old: [service.id], new: null }, environmentIds: { old: [], new: null }, version: { old: 1, new: null }, createdById: { old: manager.id, new: null },
      },
    });
  });

  test('deleting on an old version is STALE_VERSION and keeps the freeze', async () => {
    const manager = await createUser({ role: 'manager' });
    const { id } = await createDeclaredFreeze({ actor: manager, at: AT, ...freeze() });
    await updateDeclaredFreeze({ actor: manager, at: AT, freezeId: id, expectedVersion: 1, ...freeze({ reason: 'Edited' }) });

    await expect(deleteDeclaredFreeze({ actor: manager, at: AT, freezeId: id, expectedVersion: 1 })).rejects.toMatchObject({ code: 'STALE_VERSION' });

    expect(await freezeRow(id)).toMatchObject({ reason: 'Edited', version: 2 });
  });
});
