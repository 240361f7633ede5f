import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { changedFields, requireAdministrator, staleVersion, withUniqueSlug } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { EnvironmentEdit } from '@/lib/schemas/admin';

type UpdateEnvironmentInput = { actor: Actor; at: Date } & EnvironmentEdit;

/** Edits an environment, including whether the gate enforces freezes and approvals there. */
export async function updateEnvironment({ actor, at, environmentId, expectedVersion, ...edit }: UpdateEnvironmentInput): Promise<{ changed: boolean }> {
  await requireAdministrator({ actor, at, entityType: 'environment', entityId: environmentId, verb: 'update' });
  return withUniqueSlug(() =>
    db.$transaction(async (tx) => {
      const environment = await tx.environment.findUnique({ where: { id: environmentId }, select: { slug: true, name: true, isProduction: true, isGated: true, version: true } });
      if (!environment) throw new DomainError('NOT_FOUND', 'No such environment.');
      if (environment.version !== expectedVersion) throw staleVersion('environment');
      const changeSet = changedFields(environment, edit);
      if (Object.keys(changeSet).length === 0) return { changed: false };
      const { count } = await tx.environment.updateMany({ where: { id: environmentId, version: expectedVersion }, data: { ...edit, version: { increment: 1 } } });
      if (count !== 1) throw staleVersion('environment');
      await appendAudit(tx, { action: 'environment.updated', entityType: 'environment', entityId: environmentId, actor, at, changeSet });
      return { changed: true };
    }),
  );
}
