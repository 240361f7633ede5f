import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { requireAdministrator, requireTeam, withUniqueSlug } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { ServiceCreate } from '@/lib/schemas/admin';

type CreateServiceInput = { actor: Actor; at: Date } & ServiceCreate;

export async function createService({ actor, at, ...service }: CreateServiceInput): Promise<{ id: string }> {
  await requireAdministrator({ actor, at, entityType: 'service', verb: 'create' });
  return withUniqueSlug(() =>
    db.$transaction(async (tx) => {
      await requireTeam(tx, service.teamId);
      const created = await tx.service.create({ data: { ...service, createdAt: at }, select: { id: true } });
      await appendAudit(tx, { action: 'service.created', entityType: 'service', entityId: created.id, actor, at, changeSet: service });
      return created;
    }),
  );
}
