// The flag inventory (CTRL-012.4) of the scale teams: about one flag per 200 changes (at least 20),
// keys `[team]-[feature]-[type]` that pass lib/policy/flag-naming.ts, spread over the history. Release
// and experiment flags are mostly archived before their TTL; a few dozen at most are left stale, as a
// monthly audit would find them. Each write is recorded as the flag write core records it: one rollout
// row, and an applied `feature_flag` configuration change for its creation and its archiving.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { MANAGER_SLOT, USERS_PER_TEAM, type ScaleReference } from '@/lib/server/scale-data/reference-data';
import { addRows, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { newIdSql } from '@/lib/server/scale-data/row-ids';
import { pick, uniform, type Stream } from '@/lib/server/scale-data/seeded-random-sql';

export const CHANGES_PER_FLAG = 200;
export const MIN_FLAGS = 20;
/** Flags left stale in a history of any size, roughly (the monthly audit's backlog). */
const STALE_FLAGS_TARGET = 30;

const FEATURES = ['checkout', 'dark-mode', 'search', 'onboarding', 'exports', 'invoices', 'reports', 'notifications', 'sso', 'audit-log', 'pricing', 'cart',
  'profile', 'uploads', 'webhooks', 'billing', 'recommendations', 'rate-limits', 'new-editor', 'mobile-nav'];

export function flagCount(changes: number): number {
  return Math.max(MIN_FLAGS, Math.round(changes / CHANGES_PER_FLAG));
}

type FlagInput = { reference: ScaleReference; seed: number; flags: number; start: Date; at: Date };

export async function insertFlags(tx: Tx, { reference, seed, flags, start, at }: FlagInput, counts: RowCounts): Promise<void> {
  const u = (stream: Stream) => uniform(seed, stream, Prisma.sql`g.j`);
  const teams = reference.teams.ids.length;
  const nowAt = Prisma.sql`${at}::timestamptz`;
  const staleShare = Math.min(0.1, STALE_FLAGS_TARGET / flags);
  const days = (value: Prisma.Sql) => Prisma.sql`((${value}) * interval '1 day')`;
  // Keys continue the numbering of earlier runs, so a second run adds flags instead of colliding.
  const [row] = await tx.$queryRaw<{ existing: number }[]>`
    SELECT count(*)::int AS existing FROM feature_flag WHERE key LIKE 'scale-team-%'`;
  const existing = row?.existing ?? 0;
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE scale_flag (
      id uuid NOT NULL, key text NOT NULL, team_id uuid NOT NULL, team_slug text NOT NULL, type "FlagType" NOT NULL, owner_id uuid NOT NULL, purpose text NOT NULL,
      rollout_percent int NOT NULL, full_rollout_at timestamptz, status "FlagStatus" NOT NULL, archived_at timestamptz, created_at timestamptz NOT NULL
    ) ON COMMIT DROP`;
  await tx.$executeRaw`
    INSERT INTO scale_flag
    SELECT ${newIdSql(reference, Prisma.sql`a.created_at`)}, (${reference.teams.slugs}::text[])[1 + a.team] || '-' || a.feature || '-' || (${existing}::int + g.j) || '-' || a.type,
      (${reference.teams.ids}::text[]::uuid[])[1 + a.team], (${reference.teams.slugs}::text[])[1 + a.team], a.type::"FlagType",
      (${reference.userIds}::text[]::uuid[])[1 + a.team * ${USERS_PER_TEAM} + floor(${u('flagOwner')} * ${MANAGER_SLOT})::int],
      CASE a.type WHEN 'release' THEN 'Rolls out the new ' WHEN 'ops' THEN 'Kill switch for ' WHEN 'experiment' THEN 'A/B test of ' ELSE 'Access to ' END
        || replace(a.feature, '-', ' ') || ' for ' || (${reference.teams.slugs}::text[])[1 + a.team] || '.',
      s.rollout_percent, CASE WHEN a.type = 'release' AND s.rollout_percent = 100 THEN a.created_at END,
      CASE WHEN s.archived_at IS NULL THEN 'active' ELSE 'archived' END::"FlagStatus", s.archived_at, a.created_at
    FROM generate_series(1, ${flags}::int) AS g(j)
    CROSS JOIN LATERAL (SELECT floor(${u('flagTeam')} * ${teams})::int AS team, ${pick(FEATURES, u('flagFeature'))} AS feature,
        CASE WHEN ${u('flagType')} < 0.45 THEN 'release' WHEN ${u('flagType')} < 0.65 THEN 'ops' WHEN ${u('flagType')} < 0.85 THEN 'experiment' ELSE 'permission' END AS type,
        ${start}::timestamptz + (${nowAt} - ${start}::timestamptz) * ${u('flagCreated')} AS created_at,
        ${u('flagStale')} < ${staleShare}::float8 AS is_chosen_stale) a
    CROSS JOIN LATERAL (SELECT ${nowAt} - a.created_at AS age) b
    CROSS JOIN LATERAL (SELECT
        CASE a.type
          WHEN 'release' THEN CASE WHEN (a.is_chosen_stale AND b.age > interval '40 days') OR b.age > interval '28 days' OR ${u('flagRollout')} < 0.5 THEN 100
                                   ELSE (ARRAY[0, 10, 25, 50])[1 + floor(${u('flagRecent')} * 4)::int] END
          WHEN 'experiment' THEN CASE WHEN ${u('flagRollout')} < 0.5 THEN 10 ELSE 50 END
          ELSE 100 END AS rollout_percent,
        -- Archived once done: release flags within their 30-day TTL, experiments within 90 days; a chosen few are left stale.
        CASE a.type
          WHEN 'release' THEN CASE WHEN NOT (a.is_chosen_stale AND b.age > interval '40 days') AND b.age > interval '28 days'
                                   THEN a.created_at + ${days(Prisma.sql`7 + 21 * ${u('flagArchiveDelay')}`)} END
          WHEN 'experiment' THEN CASE WHEN NOT (a.is_chosen_stale AND b.age > interval '100 days') AND b.age > interval '80 days'
                                      THEN a.created_at + ${days(Prisma.sql`30 + 50 * ${u('flagArchiveDelay')}`)} END
          ELSE CASE WHEN ${u('flagRollout')} < 0.15 AND a.created_at + ${days(Prisma.sql`30 + 335 * ${u('flagArchiveDelay')}`)} <= ${nowAt}
                    THEN a.created_at + ${days(Prisma.sql`30 + 335 * ${u('flagArchiveDelay')}`)} END END AS archived_at) s`;
  addRows(counts, 'feature_flag', await tx.$executeRaw`
    INSERT INTO feature_flag (id, key, team_id, type, owner_id, purpose, rollout_percent, full_rollout_at, status, archived_at, version, created_at)
    SELECT f.id, f.key, f.team_id, f.type, f.owner_id, f.purpose, f.rollout_percent, f.full_rollout_at, f.status, f.archived_at,
      1 + (f.status = 'archived')::int, f.created_at
    FROM scale_flag f ORDER BY f.created_at`);
  addRows(counts, 'flag_rollout_change', await tx.$executeRaw`
    INSERT INTO flag_rollout_change (id, flag_id, percent, changed_at, changed_by_id)
    SELECT ${newIdSql(reference, Prisma.sql`f.created_at`)}, f.id, f.rollout_percent, f.created_at, f.owner_id FROM scale_flag f`);
  addRows(counts, 'config_change', await tx.$executeRaw`
    INSERT INTO config_change (id, type, title, status, environment_id, details, requested_by_id, applied_at, created_at)
    SELECT ${newIdSql(reference, Prisma.sql`w.at`)}, 'feature_flag', w.title, 'applied', ${reference.productionId}::uuid,
      jsonb_build_object('flagKey', f.key, 'description', w.description), f.owner_id, w.at, w.at
    FROM scale_flag f
    CROSS JOIN LATERAL (VALUES
      ('Flag ' || f.key || ' created', 'Created ' || f.type || ' flag for ' || f.team_slug || ', rollout ' || f.rollout_percent || ' %: ' || f.purpose, f.created_at),
      ('Flag ' || f.key || ' archived', 'Archived (removed from the code).', f.archived_at)
    ) AS w(title, description, at)
    WHERE w.at IS NOT NULL
    ORDER BY w.at`);
}
