// Configuration changes (CTRL-012.5) next to a planned chunk: one per 20 changes, in production on a
// scale team's service, with each type's complete process evidence (as lib/schemas/config-change.ts
// reads it) and the second person's confirmation where the type's process needs one
// (lib/policy/config-change.ts needsConfirmation); about 1 % were made first and reported afterwards.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { MANAGER_SLOT, SERVICES_PER_TEAM, USERS_PER_TEAM, type ScaleReference } from '@/lib/server/scale-data/reference-data';
import { addRows, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { newIdSql } from '@/lib/server/scale-data/row-ids';
import { uniform, type Stream } from '@/lib/server/scale-data/seeded-random-sql';

/** One configuration change for every this many changes. */
export const CHANGES_PER_CONFIG_CHANGE = 20;

const TYPE_WORDS = { env_var: 'Set an environment variable of', load_balancer: 'Change the load balancer rules of', dns: 'Move the DNS record of', secret_rotation: 'Rotate the database secret of' } as const;

export async function insertConfigChanges(tx: Tx, reference: ScaleReference, seed: number, at: Date, counts: RowCounts): Promise<void> {
  const u = (stream: Stream) => uniform(seed, stream, Prisma.sql`p.i`);
  const teams = reference.teams.ids.length;
  const nowAt = Prisma.sql`${at}::timestamptz`;
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE scale_config (
      id uuid NOT NULL, k int NOT NULL, type "ConfigChangeType" NOT NULL, title text NOT NULL, status "ConfigChangeStatus" NOT NULL, service_id uuid NOT NULL,
      details jsonb NOT NULL, is_reported_after boolean NOT NULL, requested_by_id uuid NOT NULL, applied_at timestamptz, created_at timestamptz NOT NULL,
      confirmer_id uuid, confirmed_at timestamptz
    ) ON COMMIT DROP`;
  await tx.$executeRaw`
    INSERT INTO scale_config
    SELECT ${newIdSql(reference, Prisma.sql`s.created_at`)}, b.k, b.type, b.title, s.status, b.service_id, b.details, b.is_reported_after, b.requester_id,
      s.applied_at, s.created_at, CASE WHEN s.is_confirmed THEN b.confirmer_id END, CASE WHEN s.is_confirmed THEN s.confirmed_at END
    FROM scale_plan p
    CROSS JOIN LATERAL (SELECT p.i / ${CHANGES_PER_CONFIG_CHANGE}::int AS k, floor(${u('configTeam')} * ${teams})::int AS team, floor(${u('configService')} * ${SERVICES_PER_TEAM})::int AS svc,
        floor(${u('configRequester')} * ${MANAGER_SLOT})::int AS requester_slot,
        CASE WHEN ${u('configType')} < 0.4 THEN 'env_var' WHEN ${u('configType')} < 0.6 THEN 'load_balancer' WHEN ${u('configType')} < 0.75 THEN 'dns' ELSE 'secret_rotation' END AS type,
        CASE WHEN ${u('configMode')} < 0.6 THEN 'automated' ELSE 'manual' END AS mode,
        ${u('configReported')} < 0.01 AS is_reported_after) a
    CROSS JOIN LATERAL (SELECT a.k, a.type::"ConfigChangeType" AS type, a.is_reported_after,
        (${reference.services.ids}::text[]::uuid[])[1 + a.team * ${SERVICES_PER_TEAM} + a.svc] AS service_id,
        (${reference.userIds}::text[]::uuid[])[1 + a.team * ${USERS_PER_TEAM} + a.requester_slot] AS requester_id,
        -- The confirmer is another engineer of the team (never the requester: the two-person rule).
        (${reference.userIds}::text[]::uuid[])[1 + a.team * ${USERS_PER_TEAM} + (a.requester_slot + 1 + floor(${u('configConfirmer')} * ${MANAGER_SLOT - 1})::int) % ${MANAGER_SLOT}] AS confirmer_id,
        CASE a.type WHEN 'env_var' THEN ${TYPE_WORDS.env_var}::text WHEN 'load_balancer' THEN ${TYPE_WORDS.load_balancer}::text WHEN 'dns' THEN ${TYPE_WORDS.dns}::text ELSE ${TYPE_WORDS.secret_rotation}::text END
          || ' ' || (${reference.services.slugs}::text[])[1 + a.team * ${SERVICES_PER_TEAM} + a.svc] || ' (scale ' || a.k || ')' AS title,
        CASE a.type
          WHEN 'env_var' THEN jsonb_build_object('variable', upper(replace((${reference.services.slugs}::text[])[1 + a.team * ${SERVICES_PER_TEAM} + a.svc], '-', '_')) || '_POOL_SIZE',
            'pullRequestUrl', 'https://git.example.com/config/pull/' || (5000 + a.k), 'stagingTest', 'Ran on staging for an hour; error rate and latency flat.')
          WHEN 'load_balancer' THEN jsonb_build_object('pullRequestUrl', 'https://git.example.com/infra/pull/' || (7000 + a.k))
          WHEN 'dns' THEN jsonb_build_object('record', (${reference.services.slugs}::text[])[1 + a.team * ${SERVICES_PER_TEAM} + a.svc] || '.example.com CNAME',
            'pullRequestUrl', 'https://git.example.com/dns/pull/' || (3000 + a.k), 'rolloutTtlSeconds', 60 * (1 + floor(${u('configDetail')} * 5)::int))
          ELSE jsonb_build_object('secretName', (${reference.services.slugs}::text[])[1 + a.team * ${SERVICES_PER_TEAM} + a.svc] || '-db-password', 'mode', a.mode,
            'automationRunUrl', CASE WHEN a.mode = 'automated' THEN 'https://ci.example.com/rotations/' || a.k ELSE '' END) END AS details,
        a.type IN ('env_var', 'load_balancer', 'dns') OR (a.type = 'secret_rotation' AND a.mode = 'manual') AS needs_confirmation) b
    CROSS JOIN LATERAL (SELECT p.created_at + ${u('configApplyDelay')} * interval '2850 minutes' + interval '30 minutes' AS apply_at,
        CASE WHEN ${u('configStatus')} < 0.95 THEN 'applied' WHEN ${u('configStatus')} < 0.98 THEN 'planned' ELSE 'cancelled' END AS planned_status) c
    CROSS JOIN LATERAL (SELECT
        -- Reported afterwards: made at the planned moment, filed up to three days later.
        CASE WHEN b.is_reported_after THEN least(p.created_at + ${u('configReportDelay')} * interval '4260 minutes' + interval '60 minutes', ${nowAt}) ELSE p.created_at END AS created_at,
        CASE WHEN b.is_reported_after THEN 'applied' WHEN c.planned_status = 'applied' AND c.apply_at > ${nowAt} THEN 'planned' ELSE c.planned_status END::"ConfigChangeStatus" AS status,
        CASE WHEN b.is_reported_after THEN p.created_at WHEN c.planned_status = 'applied' AND c.apply_at <= ${nowAt} THEN c.apply_at END AS applied_at,
        p.created_at + (c.apply_at - p.created_at) * (0.3 + 0.5 * ${u('configDetail')}) AS confirmed_at,
        b.needs_confirmation AND NOT b.is_reported_after AND p.created_at + (c.apply_at - p.created_at) * (0.3 + 0.5 * ${u('configDetail')}) <= ${nowAt}
          AND c.planned_status <> 'cancelled' AS is_confirmed) s
    WHERE p.i % ${CHANGES_PER_CONFIG_CHANGE}::int = 0`;
  addRows(counts, 'config_change', await tx.$executeRaw`
    INSERT INTO config_change (id, type, title, status, environment_id, service_id, details, is_reported_after, requested_by_id, applied_at, version, created_at)
    SELECT x.id, x.type, x.title, x.status, ${reference.productionId}::uuid, x.service_id, x.details, x.is_reported_after, x.requested_by_id, x.applied_at,
      1 + (x.confirmer_id IS NOT NULL)::int + (x.status <> 'planned' AND NOT x.is_reported_after)::int, x.created_at
    FROM scale_config x ORDER BY x.created_at`);
  addRows(counts, 'config_change_confirmation', await tx.$executeRaw`
    INSERT INTO config_change_confirmation (config_change_id, confirmer_id, confirmed_at)
    SELECT x.id, x.confirmer_id, x.confirmed_at FROM scale_config x WHERE x.confirmer_id IS NOT NULL`);
}
