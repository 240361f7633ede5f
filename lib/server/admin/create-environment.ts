import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { requireAdministrator, withUniqueSlug } from '@/lib/server/admin/admin-steps';
import type { Actor } from '@/lib/policy/permissions';
import type { EnvironmentCreate } from '@/lib/schemas/admin';

type CreateEnvironmentInput = { actor: Actor; at: Date } & EnvironmentCreate;

export async function createEnvironment({ actor, at, ...environment }: CreateEnvironmentInput): Promise<{ id: string }> {
  await requireAdministrator({ actor, at, entityType: 'environment', verb: 'create' });
  return withUniqueSlug(() =>
    db.$transaction(async (tx) => {
      const created = await tx.environment.create({ data: { ...environment, createdAt: at }, select: { id: true } });
      await appendAudit(tx, { action: 'environment.created', entityType: 'environment', entityId: created.id, actor, at, changeSet: environment });
      return created;
    }),
  );
}
