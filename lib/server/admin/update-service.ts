import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { changedFields, requireAdministrator, requireTeam, staleVersion, withUniqueSlug } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { ServiceEdit } from '@/lib/schemas/admin';

type UpdateServiceInput = { actor: Actor; at: Date } & ServiceEdit;

/** Renames a service, changes its slug or hands it to another team. */
export async function updateService({ actor, at, serviceId, expectedVersion, ...edit }: UpdateServiceInput): Promise<{ changed: boolean }> {
  await requireAdministrator({ actor, at, entityType: 'service', entityId: serviceId, verb: 'update' });
  return withUniqueSlug(() =>
    db.$transaction(async (tx) => {
      const service = await tx.service.findUnique({ where: { id: serviceId }, select: { slug: true, name: true, teamId: true, version: true } });
      if (!service) throw new DomainError('NOT_FOUND', 'No such service.');
      if (service.version !== expectedVersion) throw staleVersion('service');
      const changeSet = changedFields(service, edit);
      if (Object.keys(changeSet).length === 0) return { changed: false };
      if (changeSet.teamId) await requireTeam(tx, edit.teamId);
      const { count } = await tx.service.updateMany({ where: { id: serviceId, version: expectedVersion }, data: { ...edit, version: { increment: 1 } } });
      if (count !== 1) throw staleVersion('service');
      await appendAudit(tx, { action: 'service.updated', entityType: 'service', entityId: serviceId, actor, at, changeSet });
      return { changed: true };
    }),
  );
}
