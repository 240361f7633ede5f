import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { checkConfigReferences, configSnapshot, requireConfigWriter } from '@/lib/server/config-changes/lock-config-change';
import { CONFIG_CHANGE_PROCESS, configReadiness, type ConfigChangeFacts } from '@/lib/policy/config-change';
import type { Actor } from '@/lib/policy/permissions';
import type { NewConfigChange } from '@/lib/schemas/config-change';

type CreateConfigChangeInput = { actor: Actor; at: Date; input: NewConfigChange; requestId?: string };

/**
 * Records a configuration change planned through its process (CTRL-012.5). It starts planned and may
 * be incomplete: its checklist says what the process still lacks, and it is applied only once complete.
 */
export async function createConfigChange({ actor, at, input, requestId }: CreateConfigChangeInput): Promise<{ id: string }> {
  await requireConfigWriter(actor, { action: 'config-change.create-denied', at, requestId, changeSet: { type: input.type } });
  return db.$transaction(async (tx) => {
    await checkConfigReferences(tx, input);
    const { type, title, environmentId, serviceId, details } = input;
    const created = await tx.configChange.create({
      data: { type, title, environmentId, serviceId, details: details as Prisma.InputJsonValue, requestedById: actor.id, createdAt: at },
      select: { id: true },
    });
    const facts = { type, details, requestedById: actor.id, isReportedAfter: false } as ConfigChangeFacts;
    const after = configSnapshot({ type, title, status: 'planned', environmentId, serviceId, details, requestedById: actor.id, isReportedAfter: false, appliedAt: null });
    await appendAudit(tx, {
      action: 'config-change.created', entityType: 'config-change', entityId: created.id, actor, at, requestId,
      changeSet: { before: null, after, process: CONFIG_CHANGE_PROCESS[type], missing: configReadiness(facts, []).map((reason) => reason.message) },
    });
    return created;
  });
}
