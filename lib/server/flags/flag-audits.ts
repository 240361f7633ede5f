// Reading the monthly stale-flag audits (CTRL-012.4): their history with progress, and one month's
// items with what the viewer may decide.
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { canDecideFlagAuditItem, isFlagAuditMonth, latestExtension } from '@/lib/policy/flag-discipline';
import { daysStale } from '@/lib/policy/flag-staleness';
import type { Actor } from '@/lib/policy/permissions';
import { localCalendarDate } from '@/lib/time/local-day';

/** Every audit, newest month first, with how many of its items are decided. */
export async function listFlagAudits(take = 36) {
  const audits = await db.flagAudit.findMany({
    orderBy: { month: 'desc' },
    take,
    select: { id: true, month: true, openedAt: true, closedAt: true, _count: { select: { items: true } } },
  });
  const decided = await db.flagAuditItem.groupBy({
    by: ['auditId'],
    where: { auditId: { in: audits.map(({ id }) => id) }, decision: { not: 'pending' } },
    _count: { _all: true },
  });
  const decidedOf = new Map(decided.map((row) => [row.auditId, row._count._all]));
  return audits.map(({ _count, ...audit }) => ({ ...audit, progress: { decided: decidedOf.get(audit.id) ?? 0, total: _count.items } }));
}

const person = { select: { id: true, name: true, email: true } } as const;

/**
 * One month's audit with its items (pending first, then by flag key) and, per item, whether `viewer`
 * may decide it. `at` dates the ages of pending flags and the extension limits offered.
 */
export async function getFlagAudit(viewer: Actor, month: string, at: Date) {
  if (!isFlagAuditMonth(month)) throw new DomainError('NOT_FOUND', 'No audit for that month.');
  const audit = await db.flagAudit.findUnique({
    where: { month },
    select: {
      id: true, month: true, openedAt: true, closedAt: true,
      items: {
        select: {
          id: true, decision: true, reason: true, extendedTo: true, decidedAt: true, version: true,
          decidedBy: person,
          flag: {
            select: {
              id: true, key: true, type: true, purpose: true, status: true, teamId: true, ownerId: true, createdAt: true, fullRolloutAt: true, expiresAt: true,
              owner: person, team: { select: { id: true, name: true } },
            },
          },
        },
      },
    },
  });
  if (!audit) throw new DomainError('NOT_FOUND', 'No audit for that month.');
  const policy = await policySettingsInForce();
  const items = audit.items
    .map((item) => {
      const isDecider = canDecideFlagAuditItem(viewer, item.flag);
      return {
        ...item,
        /** Whole days the flag has been stale, for a pending item. */
        daysStale: item.decision === 'pending' ? daysStale(item.flag, policy, at) : null,
        /** Whether the viewer is among those who decide this flag (owner or its team). */
        isDecider,
        canDecide: isDecider && audit.closedAt === null && item.decision === 'pending',
      };
    })
    .sort((a, b) => Number(a.decision !== 'pending') - Number(b.decision !== 'pending') || a.flag.key.localeCompare(b.flag.key));
  const decided = items.filter((item) => item.decision !== 'pending').length;
  return {
    audit: { id: audit.id, month: audit.month, openedAt: audit.openedAt, closedAt: audit.closedAt },
    items,
    progress: { decided, total: items.length },
    timeZone: policy.timeZone,
    /** The date inputs' bounds: from tomorrow to the furthest extension, as local dates. */
    extensionDates: { min: localCalendarDate(new Date(at.getTime() + 86_400_000), policy.timeZone), max: localCalendarDate(latestExtension(at), policy.timeZone) },
  };
}

export type FlagAuditView = Awaited<ReturnType<typeof getFlagAudit>>;
