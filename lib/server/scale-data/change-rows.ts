// The change requests of a planned chunk (scale_plan), with their services, environments, content
// version 1 snapshot and approvals, each table filled by one INSERT … SELECT.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import type { ScaleReference } from '@/lib/server/scale-data/reference-data';
import { newIdSql } from '@/lib/server/scale-data/row-ids';
import { uniform } from '@/lib/server/scale-data/seeded-random-sql';

export type RowCounts = Record<string, number>;

/** Adds `count` rows of `table` to `counts`. */
export function addRows(counts: RowCounts, table: string, count: number): void {
  counts[table] = (counts[table] ?? 0) + count;
}

const COMMENTS = ['', '', 'LGTM', 'Looks good to me.', 'Checked the rollback plan.', 'Fine once staging is green.'];

export async function insertChanges(tx: Tx, reference: ScaleReference, seed: number, counts: RowCounts): Promise<void> {
  // `number` is left to its sequence (DEFAULT), in filing order, so the app's next change never collides.
  addRows(counts, 'change_request', await tx.$executeRaw`
    INSERT INTO change_request (id, title, description, change_class, risk, status, outcome, team_id, author_id, version, content_version,
      pull_request_urls, pr_label, changed_paths, adr_url, rollback_plan, pr_opened_at, submitted_at, first_production_deploy_at,
      production_reached_at, closed_at, created_at, updated_at)
    SELECT p.id, p.title, 'Generated history: ' || lower(regexp_replace(p.title, '^[^:]*: ', '')) || '.', p.change_class, p.risk, p.status, p.outcome,
      p.team_id, p.author_id, p.version, 1,
      ARRAY['https://git.example.com/' || p.team_slug || '/' || p.svc1_slug || '/pull/' || (1000 + p.i)], p.change_class,
      CASE WHEN p.change_class = 'major' THEN ARRAY['infra/' || p.svc1_slug || '/main.tf'] ELSE ARRAY['src/' || p.svc1_slug || '/handler-' || (p.i % 97) || '.ts'] END,
      CASE WHEN p.change_class = 'major' THEN 'https://git.example.com/' || p.team_slug || '/adr/blob/main/' || p.i || '.md' END,
      'Revert the pull request and redeploy the previous build.',
      p.pr_opened_at, p.submitted_at, p.first_prod_at, p.reached_at, p.closed_at, p.created_at, p.updated_at
    FROM scale_plan p ORDER BY p.i`);
  addRows(counts, 'change_service', await tx.$executeRaw`
    INSERT INTO change_service (change_request_id, service_id)
    SELECT p.id, s.service_id FROM scale_plan p CROSS JOIN LATERAL (VALUES (p.svc1_id), (p.svc2_id)) AS s(service_id) WHERE s.service_id IS NOT NULL`);
  addRows(counts, 'change_environment', await tx.$executeRaw`
    INSERT INTO change_environment (change_request_id, environment_id)
    SELECT p.id, e.environment_id FROM scale_plan p CROSS JOIN (VALUES (${reference.stagingId}::uuid), (${reference.productionId}::uuid)) AS e(environment_id)`);
  addRows(counts, 'change_request_version', await tx.$executeRaw`
    INSERT INTO change_request_version (id, change_request_id, content_version, snapshot, created_by_id, created_at)
    SELECT ${newIdSql(reference, Prisma.sql`p.created_at`)}, p.id, 1,
      jsonb_build_object('title', p.title, 'changeClass', p.change_class, 'risk', p.risk, 'teamId', p.team_id,
        'serviceIds', to_jsonb(array_remove(ARRAY[p.svc1_id, p.svc2_id], NULL)), 'environmentIds', jsonb_build_array(${reference.stagingId}::text, ${reference.productionId}::text),
        'prOpenedAt', to_char(p.pr_opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
      p.author_id, p.created_at
    FROM scale_plan p`);
  const comment = (stream: 'comment') => Prisma.sql`(${COMMENTS}::text[])[1 + floor(${uniform(seed, stream, Prisma.sql`p.i * 2 + a.n`)} * ${COMMENTS.length})::int]`;
  addRows(counts, 'approval', await tx.$executeRaw`
    INSERT INTO approval (id, change_request_id, approver_id, content_version, decision, comment, was_staff_plus, decided_at)
    SELECT ${newIdSql(reference, Prisma.sql`a.decided_at`)}, p.id, a.approver_id, 1, a.decision,
      CASE WHEN a.decision = 'reject' THEN 'The rollback plan does not cover the data written meanwhile.' ELSE ${comment('comment')} END, a.was_staff_plus, a.decided_at
    FROM scale_plan p
    CROSS JOIN LATERAL (VALUES (1, p.a1_user, p.a1_staff, p.a1_at, p.a1_decision, p.a1_inc), (2, p.a2_user, p.a2_staff, p.a2_at, 'approve'::"ApprovalDecision", p.a2_inc))
      AS a(n, approver_id, was_staff_plus, decided_at, decision, is_included)
    WHERE a.is_included
    ORDER BY a.decided_at`);
}
