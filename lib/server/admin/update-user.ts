import { db, type Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { changedFields, requireAdministrator, requireTeam, staleVersion } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { UserEdit } from '@/lib/schemas/admin';

type UpdateUserInput = { actor: Actor; at: Date } & UserEdit;

/** Active admins other than `userId`, locked so two admins cannot demote each other at once. */
async function lockOtherActiveAdmins(tx: Tx, userId: string): Promise<number> {
  // Locked in id order, so concurrent callers queue instead of deadlocking; a row demoted by the
  // transaction we waited for no longer matches once we get it.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "user" WHERE role = 'admin' AND is_active ORDER BY id FOR UPDATE`;
  return rows.filter((row) => row.id !== userId).length;
}

/**
 * Changes a user's role, Staff+ flag, team or active status. Disabling ends their access at once: their
 * open sessions are revoked here, and every request and token check reloads their active status.
 */
export async function updateUser({ actor, at, userId, expectedVersion, ...edit }: UpdateUserInput): Promise<{ changed: boolean }> {
  await requireAdministrator({ actor, at, entityType: 'user', entityId: userId, verb: 'update' });
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true, version: true } });
    if (!user) throw new DomainError('NOT_FOUND', 'No such user.');
    if (user.version !== expectedVersion) throw staleVersion('user');

    const removesAdmin = user.role === 'admin' && user.isActive && (edit.role !== 'admin' || !edit.isActive);
    if (removesAdmin && user.id === actor.id) {
      throw new DomainError('INVALID', 'You cannot disable or demote yourself; ask another administrator.');
    }
    if (removesAdmin && (await lockOtherActiveAdmins(tx, user.id)) === 0) {
      throw new DomainError('CONFLICT', 'This is the last active administrator; make someone else an administrator first.');
    }
    if (edit.teamId && edit.teamId !== user.teamId) await requireTeam(tx, edit.teamId);

    const changeSet = changedFields(user, edit);
    if (Object.keys(changeSet).length === 0) return { changed: false };
    const { count } = await tx.user.updateMany({ where: { id: userId, version: expectedVersion }, data: { ...edit, version: { increment: 1 } } });
    if (count !== 1) throw staleVersion('user');

    const isDisabled = user.isActive && !edit.isActive;
    const revoked = isDisabled ? await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } }) : null;
    await appendAudit(tx, {
      action: 'user.updated', entityType: 'user', entityId: userId, actor, at,
      changeSet: { ...changeSet, ...(revoked ? { sessionsRevoked: revoked.count } : {}) },
    });
    return { changed: true };
  });
}
