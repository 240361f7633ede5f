// The staleness report (CTRL-012.4 evidence artifact): active flags past their expiry at an instant,
// with owner, team, type, expiry and days stale, and their count against the KPI target.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db, type Tx } from '@/lib/server/db';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { STALE_FLAG_TARGET, daysStale, flagExpiry, isStaleCountMet, type FlagTtlRules } from '@/lib/policy/flag-staleness';
import type { StaleFlagFilter } from '@/lib/schemas/flag-discipline';

const DAY_MS = 86_400_000;

const STALE_FLAG_SELECT = {
  id: true, key: true, type: true, purpose: true, status: true, rolloutPercent: true, createdAt: true, fullRolloutAt: true,
  expiresAt: true, extensionReason: true, teamId: true, ownerId: true,
  team: { select: { id: true, slug: true, name: true } },
  owner: { select: { id: true, name: true, email: true } },
} satisfies Prisma.FeatureFlagSelect;

type StaleFlagRow = Prisma.FeatureFlagGetPayload<{ select: typeof STALE_FLAG_SELECT }>;

/**
 * Active flags whose expiry is at or before `at`, as SQL: the same rule as `flagExpiry` (an explicit
 * expiry wins; otherwise release flags from their first 100 % rollout, experiments from creation,
 * ops and permission flags never), so counting stays in the database.
 */
function staleWhere(rules: FlagTtlRules, at: Date, filter: StaleFlagFilter = {}): Prisma.FeatureFlagWhereInput {
  const releaseCutoff = new Date(at.getTime() - rules.releaseFlagTtlDays * DAY_MS);
  const experimentCutoff = new Date(at.getTime() - rules.experimentFlagTtlDays * DAY_MS);
  return {
    status: 'active',
    ...(filter.teamId ? { teamId: filter.teamId } : {}),
    ...(filter.ownerId ? { ownerId: filter.ownerId } : {}),
    OR: [
      { expiresAt: { lte: at } },
      { expiresAt: null, type: 'release', fullRolloutAt: { lte: releaseCutoff } },
      { expiresAt: null, type: 'experiment', createdAt: { lte: experimentCutoff } },
    ],
  };
}

function rulesOf(policy: FlagTtlRules): FlagTtlRules {
  return { releaseFlagTtlDays: policy.releaseFlagTtlDays, experimentFlagTtlDays: policy.experimentFlagTtlDays };
}

/** The row with its expiry and days stale; none when the pure rule says it is not stale. */
function staleEntry(row: StaleFlagRow, rules: FlagTtlRules, at: Date) {
  const days = daysStale(row, rules, at);
  const expiry = flagExpiry(row, rules);
  return days === null || expiry === null ? [] : [{ ...row, expiry, daysStale: days, isExtended: row.expiresAt !== null }];
}

export type StaleFlag = ReturnType<typeof staleEntry>[number];

/** Every active flag past its expiry at `at` (longest stale first) under the TTLs in force (or those given). */
export async function findStaleFlags(client: Tx, at: Date, filter: StaleFlagFilter = {}, ttl?: FlagTtlRules): Promise<StaleFlag[]> {
  const rules = ttl ?? rulesOf(await policySettingsInForce(client));
  const rows = await client.featureFlag.findMany({ where: staleWhere(rules, at, filter), select: STALE_FLAG_SELECT, orderBy: [{ key: 'asc' }] });
  return rows
    // The SQL and the pure rule say the same; the pure rule has the last word.
    .flatMap((row) => staleEntry(row, rules, at))
    .sort((a, b) => a.expiry.getTime() - b.expiry.getTime() || a.key.localeCompare(b.key));
}

/** The staleness report at `at`: the flags (filtered), and the whole count against the target (unfiltered). */
export async function staleFlagReport(at: Date, filter: StaleFlagFilter = {}) {
  const policy = await policySettingsInForce();
  const rules = rulesOf(policy);
  const [flags, count] = await Promise.all([findStaleFlags(db, at, filter, rules), db.featureFlag.count({ where: staleWhere(rules, at) })]);
  return { at, flags, count, target: STALE_FLAG_TARGET, isMet: isStaleCountMet(count), policyVersion: policy.version, timeZone: policy.timeZone };
}

export type StaleFlagReport = Awaited<ReturnType<typeof staleFlagReport>>;

/** How many active flags are stale at `at` (the "Stale flags" KPI: fewer than 5). */
export async function staleFlagCount(at: Date): Promise<number> {
  const rules = rulesOf(await policySettingsInForce());
  return db.featureFlag.count({ where: staleWhere(rules, at) });
}

/** The report's filter choices: teams and the people who own at least one active flag. */
export async function staleFlagFilterOptions() {
  const [teams, owners] = await Promise.all([
    db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    db.user.findMany({ where: { ownedFlags: { some: { status: 'active' } } }, orderBy: [{ name: 'asc' }, { email: 'asc' }], select: { id: true, name: true, email: true } }),
  ]);
  return { teams, owners: owners.map((owner) => ({ id: owner.id, name: owner.name ?? owner.email })) };
}

/** "3 stale flags: target met (fewer than 5)". */
export function describeStaleCount(count: number): string {
  const flags = `${count} stale flag${count === 1 ? '' : 's'}`;
  return isStaleCountMet(count) ? `${flags}: target met (fewer than ${STALE_FLAG_TARGET})` : `${flags}: target missed (fewer than ${STALE_FLAG_TARGET} required)`;
}
