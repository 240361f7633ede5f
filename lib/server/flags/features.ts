// Reading user-facing features and their kill switches (CTRL-012.4 "Emergency kill switch": every
// user-facing feature has one, an active ops flag linked to it).
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { canManageFeature, isKillSwitch, killSwitchCoverageOf, type KillSwitchCoverage } from '@/lib/policy/flag-discipline';
import type { Actor } from '@/lib/policy/permissions';

const KILL_SWITCH_WHERE = { type: 'ops', status: 'active' } as const;

/**
 * Every feature with its kill switches (active ops flags linked to it), features without one first,
 * then by name; `canEdit` says whether `viewer` may edit each.
 */
export async function listFeatures(viewer: Actor) {
  const features = await db.feature.findMany({
    orderBy: [{ name: 'asc' }, { key: 'asc' }],
    select: {
      id: true, key: true, name: true, description: true, teamId: true, version: true,
      team: { select: { id: true, name: true } },
      flags: { where: KILL_SWITCH_WHERE, orderBy: { key: 'asc' }, select: { id: true, key: true, type: true, status: true, owner: { select: { name: true, email: true } } } },
    },
  });
  return features
    .map((feature) => ({ ...feature, killSwitches: feature.flags.filter(isKillSwitch), canEdit: canManageFeature(viewer, feature) }))
    .sort((a, b) => Number(a.killSwitches.length > 0) - Number(b.killSwitches.length > 0));
}

export type FeatureListItem = Awaited<ReturnType<typeof listFeatures>>[number];

/** How many user-facing features have a kill switch, of how many (the dashboard's coverage figure). */
export async function killSwitchCoverage(): Promise<KillSwitchCoverage> {
  const [total, covered] = await Promise.all([
    db.feature.count(),
    db.feature.count({ where: { flags: { some: KILL_SWITCH_WHERE } } }),
  ]);
  return killSwitchCoverageOf(covered, total);
}

/** One feature for its edit form. */
export async function getFeature(featureId: string) {
  const feature = await db.feature.findUnique({ where: { id: featureId }, select: { id: true, key: true, name: true, description: true, teamId: true, version: true } });
  if (!feature) throw new DomainError('NOT_FOUND', 'No such feature.');
  return feature;
}

/** The teams a viewer may record features for: every team for managers and admins, else their own. */
export async function featureTeamOptions(viewer: Actor) {
  const teams = await db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
  return teams.filter((team) => canManageFeature(viewer, { teamId: team.id }));
}
