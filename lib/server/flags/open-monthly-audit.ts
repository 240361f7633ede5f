// Opens the monthly stale-flag audit (CTRL-012.4 "Monthly audit, remove flags past TTL").
import { db, type Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { isUniqueViolation } from '@/lib/server/errors';
import { findStaleFlags, type StaleFlag } from '@/lib/server/flags/stale-flags';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { flagAuditMonth } from '@/lib/policy/flag-discipline';

export type MonthlyFlagAudit = {
  id: string;
  month: string;
  /** Whether this call opened it. */
  isNew: boolean;
  /** Items this call added to an audit opened earlier in the month. */
  addedCount: number;
  itemCount: number;
};

/** What the audit trail keeps of each listed flag. */
function listed(flags: readonly StaleFlag[]) {
  return flags.map((flag) => ({ id: flag.id, key: flag.key, ownerId: flag.ownerId, expiry: flag.expiry.toISOString() }));
}

/**
 * The audit of the month holding `at` (in the policy zone), with one pending item for every active
 * flag past its expiry at `at`. Idempotent per month: the month is unique, so of two concurrent
 * openers one creates it and the other, blocked on the unique index until the first commits, finds
 * it; later calls only add what is missing.
 * Assumption: the month's audit covers every flag stale during the month, not only those stale on the
 * 1st: a flag that goes stale later is added when the audit is next loaded (a flag appears at most
 * once per audit), and an audit closed meanwhile is reopened, since closed means every item decided.
 * An audit with no stale flags is closed as it opens: there is nothing to decide.
 */
export async function ensureMonthlyFlagAudit(at: Date): Promise<MonthlyFlagAudit> {
  const { timeZone } = await policySettingsInForce();
  const month = flagAuditMonth(at, timeZone);
  if (!(await db.flagAudit.findUnique({ where: { month }, select: { id: true } }))) {
    try {
      return await openAudit(month, at);
    } catch (error) {
      // Another opener won the month; what it listed is topped up below.
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return db.$transaction((tx) => addNewlyStaleFlags(tx, month, at));
}

async function openAudit(month: string, at: Date): Promise<MonthlyFlagAudit> {
  return db.$transaction(async (tx) => {
    const stale = await findStaleFlags(tx, at);
    const audit = await tx.flagAudit.create({
      data: { month, openedAt: at, closedAt: stale.length === 0 ? at : null, items: { create: stale.map((flag) => ({ flagId: flag.id })) } },
      select: { id: true },
    });
    await appendAudit(tx, { action: 'flag-audit.opened', entityType: 'flag-audit', entityId: audit.id, at, changeSet: { month, flags: listed(stale) } });
    return { id: audit.id, month, isNew: true, addedCount: 0, itemCount: stale.length };
  });
}

/**
 * Adds the flags stale at `at` that the month's audit does not list yet. The audit's row is locked
 * first, as decisions lock it, so an addition and a closing decision never pass each other.
 */
async function addNewlyStaleFlags(tx: Tx, month: string, at: Date): Promise<MonthlyFlagAudit> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM flag_audit WHERE month = ${month} FOR UPDATE`;
  const audit = await tx.flagAudit.findUniqueOrThrow({ where: { id: locked!.id }, select: { id: true, closedAt: true, items: { select: { flagId: true } } } });
  const listedIds = new Set(audit.items.map(({ flagId }) => flagId));
  const added = (await findStaleFlags(tx, at)).filter((flag) => !listedIds.has(flag.id));
  const result = { id: audit.id, month, isNew: false, addedCount: added.length, itemCount: listedIds.size + added.length };
  if (added.length === 0) return result;

  await tx.flagAuditItem.createMany({ data: added.map((flag) => ({ auditId: audit.id, flagId: flag.id })) });
  if (audit.closedAt) await tx.flagAudit.update({ where: { id: audit.id }, data: { closedAt: null }, select: { id: true } });
  await appendAudit(tx, {
    action: 'flag-audit.flags-added', entityType: 'flag-audit', entityId: audit.id, at,
    changeSet: { month, flags: listed(added), ...(audit.closedAt ? { closedAt: { old: audit.closedAt.toISOString(), new: null } } : {}) },
  });
  return result;
}
