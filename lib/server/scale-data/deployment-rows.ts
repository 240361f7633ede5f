// The deploys of a planned chunk (scale_plan): a staging deploy, then a production deploy, and a second
// production deploy after most failed ones; each authorized by a real gate `allow` given shortly
// before it, except the few deploys made without asking the gate, flagged unauthorized as the app
// flags them (record-deployment.ts).
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import type { ScaleReference } from '@/lib/server/scale-data/reference-data';
import { addRows, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { uniform } from '@/lib/server/scale-data/seeded-random-sql';

/** The reason record-deployment.ts gives a deploy with no fresh gate allow (CTRL-012.2). */
export const NO_GATE_ALLOW_REASONS = [
  { control: 'CTRL-012.2', code: 'NO_GATE_ALLOW', message: 'No allow from the deploy gate for this change and environment shortly before the deploy started.' },
];

/** Each planned deploy of a change as one row: environment, gate decision, deploy. */
function deploysOfPlan(reference: ScaleReference): Prisma.Sql {
  return Prisma.sql`
    SELECT p.i, p.id AS change_id, d.*
    FROM scale_plan p
    CROSS JOIN LATERAL (VALUES
      (1, ${reference.stagingId}::uuid, p.sg_gate_id, p.sg_gate_at, p.sg_gate_inc, p.sg_id, p.sg_start, p.sg_finish, p.sg_status, p.sg_inc, false),
      (2, ${reference.productionId}::uuid, p.p1_gate_id, p.p1_gate_at, p.p1_gate_inc, p.p1_id, p.p1_start, p.p1_finish, p.p1_status, p.p1_inc, p.p1_unauth),
      (3, ${reference.productionId}::uuid, p.p2_gate_id, p.p2_gate_at, p.p2_gate_inc, p.p2_id, p.p2_start, p.p2_finish, p.p2_status, p.p2_inc, p.p2_unauth)
    ) AS d(n, environment_id, gate_id, gate_at, has_gate, deploy_id, started_at, finished_at, status, has_deploy, is_unauthorized)`;
}

export async function insertDeployments(tx: Tx, reference: ScaleReference, seed: number, at: Date, counts: RowCounts): Promise<void> {
  const deploys = deploysOfPlan(reference);
  addRows(counts, 'gate_decision', await tx.$executeRaw`
    INSERT INTO gate_decision (id, change_request_id, environment_id, result, reasons, policy_version, at, evaluated_at, is_preview, request_id)
    SELECT d.gate_id, d.change_id, d.environment_id, 'allow', '[]'::jsonb, ${reference.policy.version}::int, d.gate_at, d.gate_at, false, 'scale-' || d.gate_id
    FROM (${deploys}) d WHERE d.has_gate
    ORDER BY d.gate_at`);
  const sha = (part: number) => Prisma.sql`md5(${uniform(seed, 'commitSha', Prisma.sql`d.i * 4 + ${part}`)}::text)`;
  // A deploy names the allow it relied on; one made without asking the gate has none and is flagged.
  addRows(counts, 'deployment', await tx.$executeRaw`
    INSERT INTO deployment (id, change_request_id, environment_id, gate_decision_id, status, commit_sha, started_at, finished_at,
      is_unauthorized, unauthorized_reasons, created_at)
    SELECT d.deploy_id, d.change_id, d.environment_id, CASE WHEN d.has_gate THEN d.gate_id END, d.status,
      substr(${sha(0)} || ${sha(1)}, 1, 40), d.started_at, d.finished_at,
      d.is_unauthorized, CASE WHEN d.is_unauthorized THEN ${JSON.stringify(NO_GATE_ALLOW_REASONS)}::jsonb ELSE '[]'::jsonb END,
      least(coalesce(d.finished_at, d.started_at) + interval '4 seconds', ${at}::timestamptz)
    FROM (${deploys}) d WHERE d.has_deploy
    ORDER BY d.started_at`);
}
