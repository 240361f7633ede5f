import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { updateUser } from '@/lib/server/admin/update-user';
import { createTeam, createUser, openAuthSession } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');
const EARLIER = new Date('2026-11-24T09:00:00.000Z');

afterAll(() => db.$disconnect());

type Target = { id: string; role: 'engineer' | 'manager' | 'auditor' | 'admin'; isStaffPlus: boolean; isActive: boolean; teamId: string | null };

/** The form as the admin saw it: every field, with the given ones changed. */
function edit(user: Target, changes: Partial<Omit<Target, 'id'>>, expectedVersion = 1) {
  const { id, role, isStaffPlus, isActive, teamId } = user;
  return { userId: id, expectedVersion, role, isStaffPlus, isActive, teamId, ...changes };
}

function userRow(id: string) {
  return db.user.findUniqueOrThrow({ where: { id }, select: { role: true, isStaffPlus: true, isActive: true, teamId: true, version: true } });
}

function userEvents(id: string) {
  return db.auditEvent.findMany({ where: { entityType: 'user', entityId: id }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, at: true, changeSet: true } });
}

/**
 * Runs `body` while `keep` are the only active admins: the last-admin rule counts every admin in the
 * database, and other test files leave theirs behind. Database test files run one at a time.
 */
async function withOnlyAdmins(keep: string[], body: () => Promise<void>) {
  const others = await db.user.findMany({ where: { role: 'admin', isActive: true, id: { notIn: keep } }, select: { id: true } });
  const ids = others.map((user) => user.id);
  await db.user.updateMany({ where: { id: { in: ids } }, data: { isActive: false } });
  try {
    await body();
  } finally {
    await db.user.updateMany({ where: { id: { in: ids } }, data: { isActive: true } });
  }
}

/**
 * Starts `writers` while a third connection holds the audit chain head, so each writer gets as far as
 * its audit append (or a lock on the way) before any commits: a real interleaving, not a queue.
 */
async function interleaved<T>(writers: () => Promise<T>, waitingBackends: number): Promise<T> {
  let result: Promise<T> | undefined;
  await db.$transaction(async (holder) => {
    await holder.$queryRaw`SELECT 1 FROM audit_chain_head FOR UPDATE`;
    result = writers();
    for (let waited = 0; ; waited += 20) {
      const [row] = await db.$queryRaw<{ waiting: number }[]>`
        SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
      if (row!.waiting >= waitingBackends) break;
      if (waited > 5_000) throw new Error('The writers never blocked.');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }, { timeout: 15_000 });
  return result!;
}

describe('updateUser', () => {
  test('an admin changes role, Staff+ and team: the row and one audit event with old and new values', async () => {
    const admin = await createUser({ role: 'admin' });
    const team = await createTeam();
    const user = await createUser();

    await expect(updateUser({ actor: admin, at: AT, ...edit(user, { role: 'manager', isStaffPlus: true, teamId: team.id }) })).resolves.toEqual({ changed: true });

    expect(await userRow(user.id)).toEqual({ role: 'manager', isStaffPlus: true, isActive: true, teamId: team.id, version: 2 });
    expect(await userEvents(user.id)).toEqual([{
      action: 'user.updated', actorId: admin.id, at: AT,
      changeSet: { role: { old: 'engineer', new: 'manager' }, isStaffPlus: { old: false, new: true }, teamId: { old: null, new: team.id } },
    }]);
  });

  test('disabling revokes every open session of that user in the same transaction, and no one else’s', async () => {
    const admin = await createUser({ role: 'admin' });
    const user = await createUser();
    const bystander = await createUser();
    const open = await openAuthSession(user.id, EARLIER);
    const alreadyRevoked = await openAuthSession(user.id, EARLIER, EARLIER);
    const other = await openAuthSession(bystander.id, EARLIER);

    await updateUser({ actor: admin, at: AT, ...edit(user, { isActive: false }) });

    const revokedAt = async (id: string) => (await db.authSession.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } })).revokedAt;
    expect(await revokedAt(open.id)).toEqual(AT);
    expect(await revokedAt(alreadyRevoked.id)).toEqual(EARLIER);
    expect(await revokedAt(other.id)).toBeNull();
    expect((await userRow(user.id)).isActive).toBe(false);
    expect((await userEvents(user.id))[0]?.changeSet).toEqual({ isActive: { old: true, new: false }, sessionsRevoked: 1 });
  });

  test.each([
    { label: 'a manager', role: 'manager' as const, isActive: true },
    { label: 'a disabled admin', role: 'admin' as const, isActive: false },
  ])('$label is refused: nothing changes and the attempt is audited', async ({ role, isActive }) => {
    const actor = await createUser({ role, isActive });
    const user = await createUser();

    await expect(updateUser({ actor, at: AT, ...edit(user, { role: 'admin' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    expect(await userRow(user.id)).toMatchObject({ role: 'engineer', version: 1 });
    expect(await userEvents(user.id)).toEqual([{ action: 'user.update-denied', actorId: actor.id, at: AT, changeSet: {} }]);
  });

  test('an edit made on an old version is refused and changes nothing', async () => {
    const [first, second] = [await createUser({ role: 'admin' }), await createUser({ role: 'admin' })];
    const user = await createUser();
    await updateUser({ actor: first, at: AT, ...edit(user, { role: 'auditor' }) });

    await expect(updateUser({ actor: second, at: AT, ...edit(user, { isStaffPlus: true }) })).rejects.toMatchObject({ code: 'STALE_VERSION', message: 'Someone else changed this user; reload.' });

    expect(await userRow(user.id)).toMatchObject({ role: 'auditor', isStaffPlus: false, version: 2 });
    expect((await userEvents(user.id)).map((event) => event.action)).toEqual(['user.updated']);
  });

  test.each([
    { label: 'demote', changes: { role: 'engineer' as const } },
    { label: 'disable', changes: { isActive: false } },
  ])('an admin cannot $label themselves', async ({ changes }) => {
    const admin = await createUser({ role: 'admin' });

    await expect(updateUser({ actor: admin, at: AT, ...edit(admin, changes) })).rejects.toMatchObject({ code: 'INVALID' });

    expect(await userRow(admin.id)).toMatchObject({ role: 'admin', isActive: true, version: 1 });
    expect(await userEvents(admin.id)).toEqual([]);
  });

  test('the last active admin keeps admin rights, even against an admin demoted meanwhile', async () => {
    const [actor, last] = [await createUser({ role: 'admin' }), await createUser({ role: 'admin' })];
    await withOnlyAdmins([actor.id, last.id], async () => {
      // The actor was loaded as an admin, then demoted by someone else before their edit ran.
      await db.user.update({ where: { id: actor.id }, data: { role: 'engineer' } });

      await expect(updateUser({ actor, at: AT, ...edit(last, { role: 'engineer' }) })).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(updateUser({ actor, at: AT, ...edit(last, { isActive: false }) })).rejects.toMatchObject({ code: 'CONFLICT' });

      expect(await userRow(last.id)).toMatchObject({ role: 'admin', isActive: true, version: 1 });
    });
  });

  test('two admins demoting each other at once: one wins, one admin remains', async () => {
    const [a, b] = [await createUser({ role: 'admin' }), await createUser({ role: 'admin' })];
    await withOnlyAdmins([a.id, b.id], async () => {
      const results = await interleaved(() => Promise.allSettled([
        updateUser({ actor: a, at: AT, ...edit(b, { role: 'engineer' }) }),
        updateUser({ actor: b, at: AT, ...edit(a, { role: 'engineer' }) }),
      ]), 2);

      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
      expect(await db.user.count({ where: { id: { in: [a.id, b.id] }, role: 'admin', isActive: true } })).toBe(1);
    });
  });

  test('an unknown team is a field error and changes nothing', async () => {
    const admin = await createUser({ role: 'admin' });
    const user = await createUser();

    await expect(updateUser({ actor: admin, at: AT, ...edit(user, { teamId: '00000000-0000-7000-8000-000000000000' }) }))
      .rejects.toMatchObject({ code: 'INVALID', fieldErrors: { teamId: ['Unknown team.'] } });

    expect(await userRow(user.id)).toMatchObject({ teamId: null, version: 1 });
    expect(await userEvents(user.id)).toEqual([]);
  });

  test('saving the form unchanged writes nothing', async () => {
    const admin = await createUser({ role: 'admin' });
    const user = await createUser();

    await expect(updateUser({ actor: admin, at: AT, ...edit(user, {}) })).resolves.toEqual({ changed: false });

    expect(await userRow(user.id)).toMatchObject({ version: 1 });
    expect(await userEvents(user.id)).toEqual([]);
  });
});
