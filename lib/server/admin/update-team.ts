import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { changedFields, requireAdministrator, staleVersion } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { TeamEdit } from '@/lib/schemas/admin';

type UpdateTeamInput = { actor: Actor; at: Date } & TeamEdit;

/** Renames a team. Its slug never changes: flag keys already start with it (CTRL-012.4). */
export async function updateTeam({ actor, at, teamId, expectedVersion, ...edit }: UpdateTeamInput): Promise<{ changed: boolean }> {
  await requireAdministrator({ actor, at, entityType: 'team', entityId: teamId, verb: 'update' });
  return db.$transaction(async (tx) => {
    const team = await tx.team.findUnique({ where: { id: teamId }, select: { name: true, version: true } });
    if (!team) throw new DomainError('NOT_FOUND', 'No such team.');
    if (team.version !== expectedVersion) throw staleVersion('team');
    const changeSet = changedFields(team, edit);
    if (Object.keys(changeSet).length === 0) return { changed: false };
    const { count } = await tx.team.updateMany({ where: { id: teamId, version: expectedVersion }, data: { ...edit, version: { increment: 1 } } });
    if (count !== 1) throw staleVersion('team');
    await appendAudit(tx, { action: 'team.updated', entityType: 'team', entityId: teamId, actor, at, changeSet });
    return { changed: true };
  });
}
