import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { requireAdministrator, withUniqueSlug } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { TeamCreate } from '@/lib/schemas/admin';

type CreateTeamInput = { actor: Actor; at: Date } & TeamCreate;

export async function createTeam({ actor, at, ...team }: CreateTeamInput): Promise<{ id: string }> {
  await requireAdministrator({ actor, at, entityType: 'team', verb: 'create' });
  return withUniqueSlug(() =>
    db.$transaction(async (tx) => {
      const created = await tx.team.create({ data: { ...team, createdAt: at }, select: { id: true } });
      await appendAudit(tx, { action: 'team.created', entityType: 'team', entityId: created.id, actor, at, changeSet: team });
      return created;
    }),
  );
}
