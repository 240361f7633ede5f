import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { expectConfigVersion, lockConfigChange, requireConfigManager, requirePlanned, saveConfigChange } from '@/lib/server/config-changes/lock-config-change';
import type { Actor } from '@/lib/policy/permissions';

type CancelConfigChangeInput = { actor: Actor; at: Date; configChangeId: string; expectedVersion: number; reason: string; requestId?: string };

/** Withdraws a planned record that will not be applied; its requester, their team or a manager may. */
export async function cancelConfigChange({ actor, at, configChangeId, expectedVersion, reason, requestId }: CancelConfigChangeInput) {
  return db.$transaction(async (tx) => {
    const change = await lockConfigChange(tx, configChangeId);
    await requireConfigManager(actor, change, { action: 'config-change.cancel-denied', at, requestId });
    requirePlanned(change, 'cancelled');
    expectConfigVersion(change, expectedVersion);
    const version = await saveConfigChange(tx, change, { status: 'cancelled' });
    await appendAudit(tx, {
      action: 'config-change.cancelled', entityType: 'config-change', entityId: change.id, actor, at, requestId,
      changeSet: { status: { old: change.status, new: 'cancelled' }, reason, version: { old: change.version, new: version } },
    });
    return { version };
  });
}
