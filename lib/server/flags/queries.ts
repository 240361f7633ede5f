// Reading the flag inventory (CTRL-012.4): the filtered list with each flag's lint result, expiry,
// state and days stale; one flag with its rollout history and audit events; the form's choices; and
// the lint of any keys against the known teams.
import type { Prisma } from '@/lib/generated/prisma/client';
import { db, type Tx } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { listAuditEvents } from '@/lib/server/audit-events/queries';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { lintFlagKey, type FlagKeyLint, type FlagType } from '@/lib/policy/flag-naming';
import { daysStale, flagExpiry, flagState, type FlagTtlRules } from '@/lib/policy/flag-staleness';
import { canCreateFlagFor, canEditFlag, canReadAuditTrail, isReadOnly, type Actor } from '@/lib/policy/permissions';
import type { FlagListFilter, FlagStateFilter } from '@/lib/schemas/flag';
import { literalLikeText } from '@/lib/server/like-text';

export const FLAG_PAGE_SIZE = 50;
export const FLAG_LIST_MAX_LIMIT = 200;

const DAY_MS = 86_400_000;

const person = { select: { id: true, name: true, email: true } } as const;

const FLAG_VIEW_SELECT = {
  id: true, key: true, type: true, purpose: true, status: true, rolloutPercent: true, fullRolloutAt: true, expiresAt: true,
  extensionReason: true, archivedAt: true, version: true, createdAt: true, teamId: true, ownerId: true, featureId: true,
  team: { select: { id: true, slug: true, name: true } },
  owner: person,
  feature: { select: { id: true, key: true, name: true } },
} satisfies Prisma.FeatureFlagSelect;

type FlagViewRow = Prisma.FeatureFlagGetPayload<{ select: typeof FLAG_VIEW_SELECT }>;

export type FlagContext = { rules: FlagTtlRules; teamSlugs: string[]; at: Date };

/** The TTL rules in force and the known teams: what every flag's standing is read against. */
export async function flagContext(at: Date, client: Tx = db): Promise<FlagContext> {
  const [policy, teams] = await Promise.all([policySettingsInForce(client), client.team.findMany({ select: { slug: true } })]);
  return { rules: { releaseFlagTtlDays: policy.releaseFlagTtlDays, experimentFlagTtlDays: policy.experimentFlagTtlDays }, teamSlugs: teams.map((team) => team.slug), at };
}

/**
 * The flags in one state at `at`, as SQL: the same rule as `flagState` (an explicit expiry wins;
 * otherwise release flags from their first 100 % rollout, experiments from creation, ops and
 * permission flags never), so filtering and paging stay in the database.
 */
export function flagStateWhere(state: FlagStateFilter, rules: FlagTtlRules, at: Date): Prisma.FeatureFlagWhereInput {
  if (state === 'archived') return { status: 'archived' };
  const releaseCutoff = new Date(at.getTime() - rules.releaseFlagTtlDays * DAY_MS);
  const experimentCutoff = new Date(at.getTime() - rules.experimentFlagTtlDays * DAY_MS);
  if (state === 'stale') {
    return {
      status: 'active',
      OR: [
        { expiresAt: { lte: at } },
        { expiresAt: null, type: 'release', fullRolloutAt: { lte: releaseCutoff } },
        { expiresAt: null, type: 'experiment', createdAt: { lte: experimentCutoff } },
      ],
    };
  }
  // Spelled out rather than NOT(stale): SQL's NOT of a comparison with NULL is NULL, not true.
  return {
    status: 'active',
    OR: [
      { expiresAt: { gt: at } },
      { expiresAt: null, type: { in: ['ops', 'permission'] } },
      { expiresAt: null, type: 'release', OR: [{ fullRolloutAt: null }, { fullRolloutAt: { gt: releaseCutoff } }] },
      { expiresAt: null, type: 'experiment', createdAt: { gt: experimentCutoff } },
    ],
  };
}

function listWhere(filter: FlagListFilter, { rules, at }: FlagContext, afterKey?: string): Prisma.FeatureFlagWhereInput {
  return {
    AND: [
      filter.teamId ? { teamId: filter.teamId } : {},
      filter.type ? { type: filter.type } : {},
      filter.ownerId ? { ownerId: filter.ownerId } : {},
      filter.featureId ? { featureId: filter.featureId } : {},
      filter.q ? { key: { contains: literalLikeText(filter.q), mode: 'insensitive' } } : {},
      filter.state ? flagStateWhere(filter.state, rules, at) : {},
      afterKey ? { key: { gt: afterKey } } : {},
    ],
  };
}

/** A flag with what the pure rules say of it now: lint result, expiry, state and days stale. */
function standing(row: FlagViewRow, { rules, teamSlugs, at }: FlagContext) {
  return {
    ...row,
    lint: lintFlagKey(row.key, teamSlugs, row.type) satisfies FlagKeyLint,
    expiry: flagExpiry(row, rules),
    state: flagState(row, rules, at),
    daysStale: daysStale(row, rules, at),
  };
}

export type FlagListItem = ReturnType<typeof standing>;

/**
 * One page of the inventory in key order, filtered; follow `nextKey` for the next page. Every signed-in
 * user (auditors included) and every token with a flags scope reads the whole inventory.
 */
export async function listFlags(filter: FlagListFilter, at: Date, afterKey?: string, pageSize = FLAG_PAGE_SIZE) {
  const context = await flagContext(at);
  const rows = await db.featureFlag.findMany({
    where: listWhere(filter, context, afterKey),
    orderBy: { key: 'asc' },
    // One extra row tells whether another page follows, without counting.
    take: pageSize + 1,
    select: FLAG_VIEW_SELECT,
  });
  const items = rows.slice(0, pageSize).map((row) => standing(row, context));
  return { items, nextKey: rows.length > pageSize ? items.at(-1)?.key : undefined, rules: context.rules };
}

/** Why the flag expires when it does, in words (the detail page's "TTL and expiry"). */
export function expiryExplanation(flag: Pick<FlagListItem, 'type' | 'expiresAt' | 'extensionReason' | 'fullRolloutAt' | 'status'>, rules: FlagTtlRules): string {
  if (flag.status === 'archived') return 'Archived: it no longer expires.';
  if (flag.expiresAt) return `Extended by the monthly audit${flag.extensionReason ? `: ${flag.extensionReason}` : ''}.`;
  switch (flag.type) {
    case 'release':
      return flag.fullRolloutAt
        ? `Release flags live ${rules.releaseFlagTtlDays} days after first reaching 100 % rollout.`
        : `Release flags live ${rules.releaseFlagTtlDays} days after first reaching 100 % rollout; this one has not reached 100 % yet, so it has no expiry.`;
    case 'experiment':
      return `Experiment flags live ${rules.experimentFlagTtlDays} days after their creation.`;
    case 'ops':
      return 'Ops flags (kill switches) are long-lived: no expiry by rule.';
    case 'permission':
      return 'Permission flags (entitlements) are long-lived: no expiry by rule.';
  }
}

/**
 * One flag with its rollout history, its audit events (for those who read the trail) and what
 * `viewer` may do (null: a service token, whose scope the route checked).
 */
export async function getFlag(viewer: Actor | null, flagId: string, at: Date) {
  const [row, context] = await Promise.all([
    db.featureFlag.findUnique({ where: { id: flagId }, select: FLAG_VIEW_SELECT }),
    flagContext(at),
  ]);
  if (!row) throw new DomainError('NOT_FOUND', 'No such flag.');
  const [rollout, events] = await Promise.all([
    db.flagRolloutChange.findMany({ where: { flagId }, orderBy: [{ changedAt: 'asc' }, { id: 'asc' }], select: { id: true, percent: true, changedAt: true, changedBy: person } }),
    listAuditEvents({ entityType: 'flag', entityId: flagId }),
  ]);
  const flag = standing(row, context);
  const mayEdit = viewer === null || canEditFlag(viewer, row);
  return {
    flag,
    rollout,
    /** The flag's own events, oldest first (the latest page of them). */
    events: events.items.reverse(),
    expiryExplanation: expiryExplanation(flag, context.rules),
    rules: context.rules,
    canEdit: row.status === 'active' && mayEdit,
    canArchive: row.status === 'active' && mayEdit,
    canReadAuditTrail: viewer !== null && canReadAuditTrail(viewer),
  };
}

export type FlagView = Awaited<ReturnType<typeof getFlag>>;

/** The filters' and forms' choices: teams, active people who may own a flag, features. */
export async function flagFormOptions() {
  const [teams, people, features] = await Promise.all([
    db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true } }),
    db.user.findMany({ where: { isActive: true, role: { not: 'auditor' } }, orderBy: [{ name: 'asc' }, { email: 'asc' }], select: { id: true, name: true, email: true, teamId: true } }),
    db.feature.findMany({ orderBy: { key: 'asc' }, select: { id: true, key: true, name: true, teamId: true } }),
  ]);
  return { teams, people, features };
}

export type FlagFormOptions = Awaited<ReturnType<typeof flagFormOptions>>;

/** The teams `viewer` may add flags to (engineers: their own; managers: all). */
export function creatableTeams(viewer: Actor, teams: FlagFormOptions['teams']) {
  return isReadOnly(viewer) ? [] : teams.filter((team) => canCreateFlagFor(viewer, team.id));
}

/** Each key checked against the convention and the known teams; `types` gives some keys' type, to check the suffix. */
export async function lintFlagKeys(keys: readonly string[], types: Readonly<Record<string, FlagType>> = {}) {
  const teams = await db.team.findMany({ select: { slug: true } });
  const slugs = teams.map((team) => team.slug);
  const results = keys.map((key) => {
    const { passes, reasons } = lintFlagKey(key, slugs, Object.hasOwn(types, key) ? types[key] : undefined);
    return { key, passes, reasons };
  });
  const passed = results.filter((result) => result.passes).length;
  return { results, passed, failed: results.length - passed };
}

export type FlagLintReport = Awaited<ReturnType<typeof lintFlagKeys>>;
