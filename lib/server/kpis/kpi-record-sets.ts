// The records each KPI counts, as one SQL query per KPI (see KPI_DEFINITIONS in lib/policy/kpis.ts for
// the rules in words). The dashboard aggregates these sets and the drill-downs list them, so a number
// and the records behind it can never disagree. Every set carries `bucket`: the 0-based index of the
// trend bucket its record falls in (width_bucket over the buckets' starts).
import { Prisma } from '@/lib/generated/prisma/client';
import type { KpiScope } from '@/lib/server/kpis/kpi-scope';

const PRODUCTION_ENVIRONMENTS = Prisma.sql`(SELECT e.id FROM environment e WHERE e.is_production)`;

/** The bucket index of an instant column, for instants inside the period. */
function bucketOf(scope: KpiScope, column: Prisma.Sql): Prisma.Sql {
  const starts = scope.buckets.map((bucket) => bucket.start.toISOString());
  // The cast from text is not immutable (it reads the session zone), so written inline PostgreSQL
  // would redo it for every row; as a scalar subquery it runs once per statement.
  return Prisma.sql`(width_bucket(${column}, (SELECT ${starts}::text[]::timestamptz[])) - 1)`;
}

function inPeriod(scope: KpiScope, column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`${column} >= ${scope.start} AND ${column} < ${scope.end}`;
}

/** The team, service and class filters on a change aliased `c`. */
function changeFilters(scope: KpiScope): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (scope.team) conditions.push(Prisma.sql`c.team_id = ${scope.team.id}::uuid`);
  if (scope.changeClass) conditions.push(Prisma.sql`c.change_class = ${scope.changeClass}::"ChangeClass"`);
  if (scope.service) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM change_service cs WHERE cs.change_request_id = c.id AND cs.service_id = ${scope.service.id}::uuid)`);
  return conditions.length ? Prisma.sql`AND ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
}

/**
 * Change failure rate: every change first deployed to production in the period, once, with whether a
 * production deploy of it failed or was rolled back, and whether an incident was attributed to it.
 */
export function deployedChangesSet(scope: KpiScope): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id, c.number, c.title, c.change_class::text AS change_class, c.team_id, c.first_production_deploy_at AS at,
      ${bucketOf(scope, Prisma.sql`c.first_production_deploy_at`)} AS bucket,
      failed_deploy.found IS NOT NULL AS has_failed_deploy, caused.found IS NOT NULL AS caused_incident
    FROM change_request c
    -- Probes of the change's own rows (LIMIT keeps PostgreSQL from hashing every failed deploy and
    -- every attributed incident of the whole history instead): the cost follows the period, not the history.
    LEFT JOIN LATERAL (SELECT 1 AS found FROM deployment d WHERE d.change_request_id = c.id AND d.environment_id IN ${PRODUCTION_ENVIRONMENTS}
              AND d.status IN ('failed', 'rolled_back') LIMIT 1) failed_deploy ON true
    LEFT JOIN LATERAL (SELECT 1 AS found FROM change_incident ci WHERE ci.change_request_id = c.id AND ci.link = 'caused' LIMIT 1) caused ON true
    WHERE ${inPeriod(scope, Prisma.sql`c.first_production_deploy_at`)} ${changeFilters(scope)}`;
}

/** The second distinct approval of a change's current version, by someone other than its author (emergency review). */
const SECOND_APPROVAL = Prisma.sql`(
  SELECT a.decided_at FROM approval a
  WHERE a.change_request_id = c.id AND a.content_version = c.content_version AND a.decision = 'approve' AND a.approver_id <> c.author_id
  ORDER BY a.decided_at, a.id OFFSET 1 LIMIT 1)`;

/**
 * Unauthorized changes: flagged production deploys started in the period, configuration changes
 * applied in it outside their process, and emergency changes first deployed in it whose second
 * approval came after the review deadline or has not come by a deadline already past at `scope.at`.
 * Columns: kind, id, at, bucket, reference (CHG-/config title), title, change_class (null for a config change), change_id, reasons (JSON).
 */
export function unauthorizedSet(scope: KpiScope): Prisma.Sql {
  // The deadline set on the change's exception-log entry at its first production deploy (under the
  // policy then in force); the review hours in force now only for a change without one.
  const deadline = Prisma.sql`COALESCE(
    (SELECT min(pe.deadline_at) FROM policy_exception pe WHERE pe.change_request_id = c.id AND pe.kind = 'emergency_change'),
    c.first_production_deploy_at + ${scope.policy.emergencyReviewHours} * interval '1 hour')`;
  const configFilters: Prisma.Sql[] = [];
  if (scope.team) configFilters.push(Prisma.sql`s.team_id = ${scope.team.id}::uuid`);
  if (scope.service) configFilters.push(Prisma.sql`cc.service_id = ${scope.service.id}::uuid`);
  // Configuration changes have no class: a class filter leaves them out.
  const configChanges = scope.changeClass
    ? Prisma.empty
    : Prisma.sql`
      UNION ALL
      SELECT 'config-change' AS kind, cc.id, cc.applied_at AS at, ${bucketOf(scope, Prisma.sql`cc.applied_at`)} AS bucket,
        NULL::int AS number, cc.title, cc.type::text AS detail, NULL::text AS change_class, NULL::uuid AS change_id,
        '[{"control":"CTRL-012.5","code":"REPORTED_AFTER","message":"Made in production first and reported afterwards, outside its process."}]'::jsonb AS reasons
      FROM config_change cc LEFT JOIN service s ON s.id = cc.service_id
      WHERE cc.is_reported_after AND ${inPeriod(scope, Prisma.sql`cc.applied_at`)} ${configFilters.length ? Prisma.sql`AND ${Prisma.join(configFilters, ' AND ')}` : Prisma.empty}`;
  return Prisma.sql`
    SELECT 'deployment' AS kind, d.id, d.started_at AS at, ${bucketOf(scope, Prisma.sql`d.started_at`)} AS bucket,
      c.number, c.title, c.change_class::text AS detail, c.change_class::text AS change_class, c.id AS change_id, d.unauthorized_reasons::jsonb AS reasons
    FROM deployment d JOIN change_request c ON c.id = d.change_request_id
    WHERE d.is_unauthorized AND ${inPeriod(scope, Prisma.sql`d.started_at`)} AND d.environment_id IN ${PRODUCTION_ENVIRONMENTS} ${changeFilters(scope)}
    ${configChanges}
    UNION ALL
    SELECT 'emergency-review' AS kind, c.id, c.first_production_deploy_at AS at, ${bucketOf(scope, Prisma.sql`c.first_production_deploy_at`)} AS bucket,
      c.number, c.title, c.change_class::text AS detail, c.change_class::text AS change_class, c.id AS change_id,
      jsonb_build_array(jsonb_build_object('control', 'EXCEPTION-PATH', 'code', CASE WHEN second.decided_at IS NULL THEN 'SECOND_APPROVAL_MISSING' ELSE 'SECOND_APPROVAL_LATE' END,
        'message', CASE WHEN second.decided_at IS NULL THEN 'No second approval, and the review deadline has passed.' ELSE 'The second approval came after the review deadline.' END)) AS reasons
    FROM change_request c LEFT JOIN LATERAL (SELECT ${SECOND_APPROVAL} AS decided_at) second ON true
    WHERE c.change_class = 'emergency' AND ${inPeriod(scope, Prisma.sql`c.first_production_deploy_at`)} ${changeFilters(scope)}
      AND (second.decided_at > ${deadline} OR (second.decided_at IS NULL AND ${deadline} < ${scope.at}))`;
}

/**
 * The moments at which the stale flag count is read: the end of each bucket, or `scope.at` for a
 * bucket still running; null for a bucket that has not started yet (nothing to count).
 */
export function staleReadingTimes(scope: KpiScope): (Date | null)[] {
  return scope.buckets.map((bucket) => (bucket.start.getTime() > scope.at.getTime() ? null : new Date(Math.min(bucket.end.getTime(), scope.at.getTime()))));
}

/**
 * Stale flags at each reading time: flags existing and not archived then, past their expiry (the
 * explicit one, else the release or experiment TTL of the policy in force). Columns: bucket, id, key,
 * type, team_id, owner_id, expiry. Only the team filter applies to flags.
 */
export function staleFlagsSet(scope: KpiScope, bucket?: number): Prisma.Sql {
  const times = staleReadingTimes(scope).map((time) => time?.toISOString() ?? null);
  const expiry = Prisma.sql`COALESCE(f.expires_at, CASE f.type
      WHEN 'release' THEN f.full_rollout_at + ${scope.policy.releaseFlagTtlDays} * interval '1 day'
      WHEN 'experiment' THEN f.created_at + ${scope.policy.experimentFlagTtlDays} * interval '1 day' END)`;
  return Prisma.sql`
    SELECT r.idx - 1 AS bucket, r.t AS read_at, f.id, f.key, f.type::text AS type, f.team_id, f.owner_id, ${expiry} AS expiry
    FROM unnest(${times}::text[]::timestamptz[]) WITH ORDINALITY AS r(t, idx)
    JOIN feature_flag f ON f.created_at <= r.t AND (f.status = 'active' OR f.archived_at > r.t) AND ${expiry} <= r.t
    WHERE r.t IS NOT NULL ${scope.team ? Prisma.sql`AND f.team_id = ${scope.team.id}::uuid` : Prisma.empty}
      ${bucket === undefined ? Prisma.empty : Prisma.sql`AND r.idx - 1 = ${bucket}`}`;
}

/** Migration rollback rate: migrations executed in the period with an outcome (succeeded or rolled back). */
export function executedMigrationsSet(scope: KpiScope): Prisma.Sql {
  return Prisma.sql`
    SELECT m.id, m.title, m.type::text AS type, m.status::text AS status, m.executed_at AS at, ${bucketOf(scope, Prisma.sql`m.executed_at`)} AS bucket,
      c.id AS change_id, c.number, c.change_class::text AS change_class
    FROM migration_plan m JOIN change_request c ON c.id = m.change_request_id
    WHERE m.status IN ('succeeded', 'rolled_back') AND ${inPeriod(scope, Prisma.sql`m.executed_at`)} ${changeFilters(scope)}`;
}

/**
 * Change lead time: every change that first reached production in the period, with its lead time in
 * seconds, or null when it cannot be measured (no pull request opening recorded, or one after the deploy).
 */
export function leadTimeSet(scope: KpiScope): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id, c.number, c.title, c.change_class::text AS change_class, c.pr_opened_at, c.production_reached_at AS at,
      ${bucketOf(scope, Prisma.sql`c.production_reached_at`)} AS bucket,
      CASE WHEN c.pr_opened_at <= c.production_reached_at THEN extract(epoch FROM c.production_reached_at - c.pr_opened_at)::float8 END AS seconds
    FROM change_request c
    WHERE ${inPeriod(scope, Prisma.sql`c.production_reached_at`)} ${changeFilters(scope)}`;
}
