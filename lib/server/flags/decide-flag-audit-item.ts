// One decision of the monthly stale-flag audit (CTRL-012.4): remove the flag, or keep it with a reason
// until a date. The flag and the item change in one transaction, with the audit trail.
import { db, type Tx } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { archiveFlagInTx } from '@/lib/server/flags/flag-steps';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { canDecideFlagAuditItem, extensionRefusal } from '@/lib/policy/flag-discipline';
import type { Actor } from '@/lib/policy/permissions';
import type { FlagAuditDecisionInput } from '@/lib/schemas/flag-discipline';
import { startOfLocalDay } from '@/lib/time/local-day';

type DecideFlagAuditItemInput = { actor: Actor; at: Date; input: FlagAuditDecisionInput; requestId?: string };

export type FlagAuditItemDecided = { decision: FlagAuditDecisionInput['decision']; expiresAt: Date | null; isAuditClosed: boolean };

const ITEM_SELECT = {
  id: true, auditId: true, decision: true, version: true,
  audit: { select: { month: true, closedAt: true } },
  flag: { select: { id: true, key: true, teamId: true, ownerId: true, status: true, expiresAt: true, extensionReason: true, version: true } },
} as const;

/**
 * Records the owner's (or their team's) decision on one pending item, at the version they saw.
 * 'removed' archives the flag; 'extended' gives it an explicit expiry (the start of the chosen local
 * day in the policy zone) and the reason, so it leaves the stale count until then and only until then.
 * The audit's row is locked first: the last decision closes the audit, and two last decisions must
 * not both see the other pending.
 */
export async function decideFlagAuditItem({ actor, at, input, requestId }: DecideFlagAuditItemInput): Promise<FlagAuditItemDecided> {
  return db.$transaction(async (tx) => {
    const auditId = await lockAuditOfItem(tx, input.itemId);
    const item = await tx.flagAuditItem.findUniqueOrThrow({ where: { id: input.itemId }, select: ITEM_SELECT });
    if (!canDecideFlagAuditItem(actor, item.flag)) {
      await recordDeniedAttempt({ action: 'flag-audit.item-decide-denied', entityType: 'flag-audit', entityId: auditId, actor, at, requestId, changeSet: { itemId: item.id, flagId: item.flag.id, decision: input.decision } });
      throw new DomainError('FORBIDDEN', "Only the flag's owner or a member of its team decides it.");
    }
    if (item.audit.closedAt) throw new DomainError('CONFLICT', `The ${item.audit.month} audit is closed.`);
    if (item.decision !== 'pending') throw new DomainError('CONFLICT', `${item.flag.key} was already decided (${item.decision}).`);
    if (item.version !== input.expectedVersion) throw new DomainError('STALE_VERSION', 'This item changed meanwhile. Reload it and try again.');

    const step: StepContext = { tx, actor, at, requestId, month: item.audit.month };
    const flagChange = input.decision === 'removed' ? await removeFlag(step, item.flag) : await extendFlag(step, item.flag, input);
    const { count } = await tx.flagAuditItem.updateMany({
      where: { id: item.id, version: item.version, decision: 'pending' },
      data: {
        decision: input.decision, decidedById: actor.id, decidedAt: at, version: { increment: 1 },
        reason: input.decision === 'extended' ? input.reason : null, extendedTo: flagChange.expiresAt,
      },
    });
    if (count !== 1) throw new DomainError('CONFLICT', 'Someone decided this item meanwhile. Reload it.');
    await appendAudit(tx, {
      action: 'flag-audit.item-decided', entityType: 'flag-audit', entityId: auditId, actor, at, requestId,
      changeSet: { itemId: item.id, month: item.audit.month, flagId: item.flag.id, flagKey: item.flag.key, decision: input.decision, ...flagChange.changeSet },
    });

    const isAuditClosed = await closeWhenDecided(step, auditId);
    return { decision: input.decision, expiresAt: flagChange.expiresAt, isAuditClosed };
  });
}

async function lockAuditOfItem(tx: Tx, itemId: string): Promise<string> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT a.id FROM flag_audit a JOIN flag_audit_item i ON i.audit_id = a.id WHERE i.id = ${itemId}::uuid FOR UPDATE OF a`;
  if (rows.length === 0) throw new DomainError('NOT_FOUND', 'No such audit item.');
  return rows[0]!.id;
}

/** What each step of a decision writes with: the transaction, who, when, and the audited month. */
type StepContext = { tx: Tx; actor: Actor; at: Date; requestId?: string; month: string };

type LockedFlag = { id: string; key: string; status: 'active' | 'archived'; expiresAt: Date | null; extensionReason: string | null; version: number };

/**
 * Archives the flag through the inventory's archive step (its configuration-change record and
 * `flag.archived` event included), at the version read with the item.
 * Assumption: a flag archived meanwhile (through the inventory) is already removed, so the decision is
 * recorded and nothing else changes.
 */
async function removeFlag({ tx, actor, at, requestId, month }: StepContext, flag: LockedFlag) {
  const archived = await archiveFlagInTx(tx, { actor, at, flagId: flag.id, expectedVersion: flag.version, reason: `Removed in the ${month} flag audit.`, source: 'portal', requestId });
  if (archived.outcome === 'unchanged') return { expiresAt: null, changeSet: { flag: { alreadyArchived: true } } };
  return { expiresAt: null, changeSet: { flag: { status: { old: 'active', new: 'archived' }, archivedAt: at.toISOString(), version: { old: flag.version, new: archived.version } } } };
}

/** Sets the flag's explicit expiry and the reason, within the extension limits (compare-and-set on its version). */
async function extendFlag({ tx, actor, at, requestId, month }: StepContext, flag: LockedFlag, input: Extract<FlagAuditDecisionInput, { decision: 'extended' }>) {
  if (flag.status === 'archived') throw new DomainError('CONFLICT', `${flag.key} was archived meanwhile; it cannot be extended.`);
  const { timeZone } = await policySettingsInForce(tx);
  const expiresAt = startOfLocalDay(input.extendedUntil, timeZone);
  const refusal = extensionRefusal(expiresAt, at);
  if (refusal) throw new DomainError('INVALID', 'Check the highlighted fields.', { extendedUntil: [refusal] });
  const { count } = await tx.featureFlag.updateMany({
    where: { id: flag.id, status: 'active', version: flag.version },
    data: { expiresAt, extensionReason: input.reason, version: { increment: 1 } },
  });
  if (count !== 1) throw new DomainError('CONFLICT', `${flag.key} was changed meanwhile. Reload and decide again.`);
  const changeSet = {
    expiresAt: { old: flag.expiresAt?.toISOString() ?? null, new: expiresAt.toISOString() },
    extensionReason: { old: flag.extensionReason, new: input.reason },
    version: { old: flag.version, new: flag.version + 1 },
  };
  await appendAudit(tx, { action: 'flag.extended', entityType: 'flag', entityId: flag.id, actor, at, requestId, changeSet: { ...changeSet, key: flag.key, by: `flag audit ${month}` } });
  return { expiresAt, changeSet: { flag: changeSet } };
}

/** Closes the audit once no item is pending (the caller holds the audit's row lock). */
async function closeWhenDecided({ tx, actor, at, requestId, month }: StepContext, auditId: string): Promise<boolean> {
  const pending = await tx.flagAuditItem.count({ where: { auditId, decision: 'pending' } });
  if (pending > 0) return false;
  await tx.flagAudit.update({ where: { id: auditId }, data: { closedAt: at }, select: { id: true } });
  await appendAudit(tx, { action: 'flag-audit.closed', entityType: 'flag-audit', entityId: auditId, actor, at, requestId, changeSet: { month } });
  return true;
}
