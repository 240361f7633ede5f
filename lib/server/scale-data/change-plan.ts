// The plan of one chunk of changes: every choice and instant of each change's life (filed, approved,
// deployed to staging then production, perhaps failed and retried, closed), computed by ONE
// INSERT … SELECT over generate_series into a temporary table that the row writers then read. Work
// that would happen after the run's instant has not happened yet: those changes are still in flight.
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { ENGINEER_SLOTS, MANAGER_SLOT, SERVICES_PER_TEAM, USERS_PER_TEAM, type ScaleReference } from '@/lib/server/scale-data/reference-data';
import { logNormalMinutes, pick, uniform, type Stream } from '@/lib/server/scale-data/seeded-random-sql';
import { filedAtSql, type WorkCalendar } from '@/lib/server/scale-data/work-calendar';
import { freezeEndSql } from '@/lib/server/scale-data/freeze-calendar';
import { newIdSql } from '@/lib/server/scale-data/row-ids';

export type ChunkPlanInput = {
  reference: ScaleReference;
  calendar: WorkCalendar;
  seed: number;
  /** The changes of this chunk: numbers first…last of 1…total in the run. */
  first: number;
  last: number;
  total: number;
  /** The run's instant: the end of the history. */
  at: Date;
  /** What titles start with, before the change's index in the run ("Scale change 12: …"); null for none. */
  titlePrefix: string | null;
};

/** Share of changes by class (the rest is major), by fate, and of production deploys that fail. */
export const MIX = {
  standard: 0.6, normal: 0.28, emergency: 0.06,
  cancelled: 0.006, rejected: 0.004, stalledSubmitted: 0.015, stalledApproved: 0.015,
  failedDeploy: 0.03, retried: 0.85, unauthorized: 0.005,
  emergencyReviewInTime: 0.9, emergencyReviewLate: 0.06,
  incidentAfterSuccess: 0.0041, incidentAfterFailure: 0.1,
} as const;

const VERBS = {
  standard: ['Bump dependencies of', 'Tune logging in', 'Add metrics to', 'Refactor handlers of', 'Update copy in', 'Raise timeouts of', 'Clean up dead code in', 'Add tests to'],
  normal: ['Add an index to', 'Change the retry policy of', 'Move the queue consumer of', 'Rework caching in', 'Add an API endpoint to', 'Split the worker of'],
  emergency: ['Hotfix a crash in', 'Roll back the release of', 'Patch a security issue in', 'Stop the error storm in'],
  major: ['Re-platform', 'Upgrade the framework of', 'Move the datastore of', 'Replace the auth layer of'],
} as const;

/** Creates the transaction's temporary table `scale_plan` and fills it for the chunk; returns its row count. */
export async function planChunk(tx: Tx, input: ChunkPlanInput): Promise<number> {
  await tx.$executeRaw`
    CREATE TEMPORARY TABLE scale_plan (
      i int PRIMARY KEY, id uuid NOT NULL, team int NOT NULL, team_id uuid NOT NULL, team_slug text NOT NULL, author_id uuid NOT NULL, author_slot int NOT NULL,
      svc1_id uuid NOT NULL, svc1_slug text NOT NULL, svc2_id uuid, change_class "ChangeClass" NOT NULL, risk "RiskLevel" NOT NULL, fate text NOT NULL, title text NOT NULL,
      created_at timestamptz NOT NULL, pr_opened_at timestamptz, submitted_at timestamptz,
      a1_user uuid NOT NULL, a1_staff boolean NOT NULL, a1_at timestamptz NOT NULL, a1_decision "ApprovalDecision" NOT NULL, a1_inc boolean NOT NULL,
      a2_user uuid NOT NULL, a2_staff boolean NOT NULL, a2_at timestamptz, a2_inc boolean NOT NULL,
      sg_gate_id uuid NOT NULL, sg_gate_at timestamptz NOT NULL, sg_gate_inc boolean NOT NULL,
      sg_id uuid NOT NULL, sg_start timestamptz NOT NULL, sg_finish timestamptz, sg_status "DeploymentStatus" NOT NULL, sg_inc boolean NOT NULL,
      p1_gate_id uuid NOT NULL, p1_gate_at timestamptz NOT NULL, p1_gate_inc boolean NOT NULL,
      p1_id uuid NOT NULL, p1_start timestamptz NOT NULL, p1_finish timestamptz, p1_status "DeploymentStatus" NOT NULL, p1_inc boolean NOT NULL, p1_unauth boolean NOT NULL,
      p2_gate_id uuid NOT NULL, p2_gate_at timestamptz NOT NULL, p2_gate_inc boolean NOT NULL,
      p2_id uuid NOT NULL, p2_start timestamptz NOT NULL, p2_finish timestamptz, p2_status "DeploymentStatus" NOT NULL, p2_inc boolean NOT NULL, p2_unauth boolean NOT NULL,
      first_prod_at timestamptz, reached_at timestamptz, status "ChangeStatus" NOT NULL, outcome "ChangeOutcome", closed_at timestamptz, version int NOT NULL, updated_at timestamptz NOT NULL,
      documented_at timestamptz, has_incident boolean NOT NULL, incident_id uuid NOT NULL, incident_start timestamptz
    ) ON COMMIT DROP`;
  const count = await tx.$executeRaw(planStatement(input));
  await tx.$executeRaw`CREATE INDEX ON scale_plan (team, created_at)`;
  await tx.$executeRaw`ANALYZE scale_plan`;
  return count;
}

function planStatement({ reference, calendar, seed, first, last, total, at, titlePrefix }: ChunkPlanInput): Prisma.Sql {
  const u = (stream: Stream) => uniform(seed, stream, Prisma.sql`g.i`);
  const minutes = (value: Prisma.Sql) => Prisma.sql`((${value}) * interval '1 minute')`;
  const logN = (radius: Stream, angle: Stream, median: Prisma.Sql, sigma: number, cap: number) => logNormalMinutes(seed, radius, angle, Prisma.sql`g.i`, median, sigma, cap);
  const teams = reference.teams.ids.length;
  const people = teams * USERS_PER_TEAM;
  const staff = teams * 2;
  const staffPosition = (slot: Prisma.Sql) => Prisma.sql`((${slot}) / 2 * ${USERS_PER_TEAM} + ${ENGINEER_SLOTS} + (${slot}) % 2)`;
  const userId = (position: Prisma.Sql) => Prisma.sql`(${reference.userIds}::text[]::uuid[])[1 + (${position})]`;
  const isStaff = (position: Prisma.Sql) => Prisma.sql`((${position}) % ${USERS_PER_TEAM} BETWEEN ${ENGINEER_SLOTS} AND ${MANAGER_SLOT - 1})`;
  const review = reference.policy.emergencyReviewHours * 60;
  const nowAt = Prisma.sql`${at}::timestamptz`;
  const byClass = (standard: number, normal: number, emergency: number, major: number) =>
    Prisma.sql`(CASE c.change_class WHEN 'standard' THEN ${standard}::float8 WHEN 'normal' THEN ${normal}::float8 WHEN 'emergency' THEN ${emergency}::float8 ELSE ${major}::float8 END)`;
  const isEmergency = Prisma.sql`(c.change_class = 'emergency')`;

  return Prisma.sql`
    INSERT INTO scale_plan
    SELECT g.i, ${newIdSql(reference, Prisma.sql`t.created_at`)}, c.team, (${reference.teams.ids}::text[]::uuid[])[1 + c.team], (${reference.teams.slugs}::text[])[1 + c.team],
      ${userId(Prisma.sql`p.author_pos`)}, p.author_slot,
      (${reference.services.ids}::text[]::uuid[])[1 + c.team * ${SERVICES_PER_TEAM} + c.svc], (${reference.services.slugs}::text[])[1 + c.team * ${SERVICES_PER_TEAM} + c.svc],
      CASE WHEN c.svc_offset > 0 THEN (${reference.services.ids}::text[]::uuid[])[1 + c.team * ${SERVICES_PER_TEAM} + (c.svc + c.svc_offset) % ${SERVICES_PER_TEAM}] END,
      c.change_class, p.risk, c.fate,
      ${titlePrefix === null ? Prisma.sql`''` : Prisma.sql`${titlePrefix}::text || ' ' || g.i || ': '`} || p.verb || ' ' || (${reference.services.slugs}::text[])[1 + c.team * ${SERVICES_PER_TEAM} + c.svc],
      t.created_at, t.pr_opened_at, CASE WHEN s.is_submitted THEN t.submitted_at END,
      ${userId(Prisma.sql`p.a1_pos`)}, ${isStaff(Prisma.sql`p.a1_pos`)}, t.a1_at, CASE WHEN c.fate = 'reject' THEN 'reject' ELSE 'approve' END::"ApprovalDecision", s.a1_inc,
      ${userId(Prisma.sql`p.a2_pos`)}, ${isStaff(Prisma.sql`p.a2_pos`)}, s.a2_at, s.a2_inc,
      ${newIdSql(reference, Prisma.sql`t.sg_gate_at`)}, t.sg_gate_at, s.is_flow AND t.sg_gate_at <= ${nowAt},
      ${newIdSql(reference, Prisma.sql`t.sg_start`)}, t.sg_start, CASE WHEN t.sg_finish <= ${nowAt} THEN t.sg_finish END,
      CASE WHEN t.sg_finish <= ${nowAt} THEN 'succeeded' ELSE 'started' END::"DeploymentStatus", s.sg_inc,
      ${newIdSql(reference, Prisma.sql`t.p1_gate_at`)}, t.p1_gate_at, s.is_flow AND NOT s.p1_unauth AND t.p1_gate_at <= ${nowAt},
      ${newIdSql(reference, Prisma.sql`t.p1_start`)}, t.p1_start, CASE WHEN s.p1_done THEN t.p1_finish END,
      CASE WHEN s.p1_done THEN t.p1_outcome ELSE 'started' END::"DeploymentStatus", s.p1_inc, s.p1_unauth,
      ${newIdSql(reference, Prisma.sql`t.p2_gate_at`)}, t.p2_gate_at, s.p1_done AND s.p2_planned AND NOT s.p2_unauth AND t.p2_gate_at <= ${nowAt},
      ${newIdSql(reference, Prisma.sql`t.p2_start`)}, t.p2_start, CASE WHEN s.p2_done THEN t.p2_finish END,
      CASE WHEN s.p2_done THEN 'succeeded' ELSE 'started' END::"DeploymentStatus", s.p2_inc, s.p2_unauth,
      CASE WHEN s.p1_inc THEN t.p1_start END, r.reached_at, r.status::"ChangeStatus",
      CASE WHEN r.status = 'closed' THEN CASE WHEN r.reached_at IS NOT NULL THEN 'succeeded' ELSE t.p1_outcome END END::"ChangeOutcome",
      CASE r.status WHEN 'closed' THEN r.close_at WHEN 'cancelled' THEN t.cancel_at END,
      1 + s.is_submitted::int + s.a1_inc::int + s.a2_inc::int + s.sg_inc::int + s.p1_inc::int + s.p2_inc::int + (r.status IN ('closed', 'cancelled'))::int,
      greatest(t.created_at, CASE WHEN s.is_submitted THEN t.submitted_at END, CASE WHEN s.a1_inc THEN t.a1_at END, CASE WHEN s.a2_inc THEN s.a2_at END,
        CASE WHEN s.sg_inc THEN least(t.sg_finish, ${nowAt}) END, CASE WHEN s.p1_inc THEN least(t.p1_finish, ${nowAt}) END, CASE WHEN s.p2_inc THEN least(t.p2_finish, ${nowAt}) END,
        CASE r.status WHEN 'closed' THEN r.close_at WHEN 'cancelled' THEN t.cancel_at END),
      CASE WHEN s.p1_inc AND t.documented_at <= ${nowAt} THEN t.documented_at END,
      s.has_incident, ${newIdSql(reference, Prisma.sql`t.incident_start`)}, CASE WHEN s.has_incident THEN t.incident_start END
    FROM generate_series(${first}::int, ${last}::int) AS g(i)
    CROSS JOIN LATERAL (SELECT ${u('changeClass')} AS change_class, ${u('fate')} AS fate, ${u('secondService')} AS second_service OFFSET 0) u
    -- The change's own choices.
    CROSS JOIN LATERAL (SELECT
        CASE WHEN u.change_class < ${MIX.standard} THEN 'standard' WHEN u.change_class < ${MIX.standard + MIX.normal} THEN 'normal'
             WHEN u.change_class < ${MIX.standard + MIX.normal + MIX.emergency} THEN 'emergency' ELSE 'major' END::"ChangeClass" AS change_class,
        floor(${u('team')} * ${teams})::int AS team,
        CASE WHEN u.fate < ${MIX.cancelled} THEN 'cancel' WHEN u.fate < ${MIX.cancelled + MIX.rejected} THEN 'reject'
             WHEN u.fate < ${MIX.cancelled + MIX.rejected + MIX.stalledSubmitted} THEN 'stall_submitted'
             WHEN u.fate < ${MIX.cancelled + MIX.rejected + MIX.stalledSubmitted + MIX.stalledApproved} THEN 'stall_approved' ELSE 'flow' END AS fate,
        floor(${u('service')} * ${SERVICES_PER_TEAM})::int AS svc,
        -- Some changes touch a second service of the team.
        CASE WHEN u.second_service < 0.15 THEN 1 + floor(u.second_service / 0.15 * ${SERVICES_PER_TEAM - 1})::int ELSE 0 END AS svc_offset
      OFFSET 0) c
    -- People and wording, by class.
    CROSS JOIN LATERAL (SELECT
        -- Major changes are written by engineers who are not Staff+, so two other Staff+ engineers always exist to approve them.
        CASE WHEN c.change_class = 'major' THEN floor(${u('author')} * ${ENGINEER_SLOTS})::int ELSE floor(${u('author')} * ${MANAGER_SLOT})::int END AS author_slot,
        CASE c.change_class
          WHEN 'standard' THEN CASE WHEN ${u('risk')} < 0.85 THEN 'low' ELSE 'medium' END
          WHEN 'normal' THEN CASE WHEN ${u('risk')} < 0.4 THEN 'low' WHEN ${u('risk')} < 0.9 THEN 'medium' ELSE 'high' END
          WHEN 'major' THEN CASE WHEN ${u('risk')} < 0.3 THEN 'medium' ELSE 'high' END
          ELSE CASE WHEN ${u('risk')} < 0.5 THEN 'medium' ELSE 'high' END END::"RiskLevel" AS risk,
        CASE c.change_class WHEN 'standard' THEN ${pick(VERBS.standard, u('verb'))} WHEN 'normal' THEN ${pick(VERBS.normal, u('verb'))}
          WHEN 'emergency' THEN ${pick(VERBS.emergency, u('verb'))} ELSE ${pick(VERBS.major, u('verb'))} END AS verb
      OFFSET 0) p0
    -- Approvers: distinct people other than the author (offsets that skip the author's own position).
    CROSS JOIN LATERAL (SELECT c.team * ${USERS_PER_TEAM} + p0.author_slot AS author_pos, floor(${u('firstApprover')} * ${people - 1})::int AS o1,
        floor(${u('firstApprover')} * ${staff})::int AS s1 OFFSET 0) q
    CROSS JOIN LATERAL (SELECT p0.author_slot, p0.risk, p0.verb, q.author_pos,
        CASE WHEN c.change_class = 'major' THEN ${staffPosition(Prisma.sql`q.s1`)} ELSE (q.author_pos + 1 + q.o1) % ${people} END AS a1_pos,
        CASE WHEN c.change_class = 'major' THEN ${staffPosition(Prisma.sql`((q.s1 + 1 + floor(${u('secondApprover')} * ${staff - 1})::int) % ${staff})`)}
             ELSE (q.author_pos + 1 + (q.o1 + 1 + floor(${u('secondApprover')} * ${people - 2})::int) % ${people - 1}) % ${people} END AS a2_pos
      OFFSET 0) p
    -- The timeline, one step after the other (minutes drawn per class).
    CROSS JOIN LATERAL (SELECT ${filedAtSql(calendar, Prisma.sql`g.i`, total, u('createdJitter'))} AS created_at OFFSET 0) t0
    CROSS JOIN LATERAL (SELECT t0.created_at + ${minutes(Prisma.sql`CASE WHEN ${isEmergency} THEN 1 + 4 * ${u('submitDelay')} ELSE 2 + 28 * ${u('submitDelay')} END`)} AS submitted_at OFFSET 0) t1
    CROSS JOIN LATERAL (SELECT t1.submitted_at + ${minutes(logN('firstApproval', 'firstApprovalAngle', byClass(35, 90, 8, 600), 0.7, 7200))} AS a1_at OFFSET 0) t2
    CROSS JOIN LATERAL (SELECT CASE WHEN c.change_class IN ('normal', 'major')
        THEN t2.a1_at + ${minutes(logN('secondApproval', 'secondApprovalAngle', byClass(0, 45, 0, 240), 0.8, 4320))} END AS a2_pre_at OFFSET 0) t3
    CROSS JOIN LATERAL (SELECT coalesce(t3.a2_pre_at, t2.a1_at) AS approved_at OFFSET 0) t4
    CROSS JOIN LATERAL (SELECT t4.approved_at + ${minutes(Prisma.sql`CASE WHEN ${isEmergency} THEN 2 + 6 * ${u('stagingWait')} ELSE 5 + 40 * ${u('stagingWait')} END`)} AS sg_start OFFSET 0) t5
    CROSS JOIN LATERAL (SELECT t4.approved_at + (t5.sg_start - t4.approved_at) * (0.3 + 0.6 * ${u('stagingGate')}) AS sg_gate_at,
        t5.sg_start + ${minutes(Prisma.sql`CASE WHEN ${isEmergency} THEN 2 + 6 * ${u('stagingDuration')} ELSE 2 + 18 * ${u('stagingDuration')} END`)} AS sg_finish OFFSET 0) t6
    CROSS JOIN LATERAL (SELECT t6.sg_finish + ${minutes(Prisma.sql`CASE WHEN ${isEmergency} THEN 2 + 8 * ${u('productionWait')}
        ELSE greatest(2, ${logN('productionWait', 'productionWaitAngle', byClass(40, 90, 5, 240), 0.6, 2880)}) END`)} AS gate_wish OFFSET 0) t7
    -- A held class asks the gate again once the freeze ends (and once more, should that land in another one).
    CROSS JOIN LATERAL (SELECT ${freezeEndSql(Prisma.sql`c.change_class`, Prisma.sql`t7.gate_wish`)} AS freeze_end OFFSET 0) f1
    CROSS JOIN LATERAL (SELECT CASE WHEN f1.freeze_end IS NULL THEN t7.gate_wish ELSE f1.freeze_end + ${minutes(Prisma.sql`1 + 59 * ${u('freezeJitter')}`)} END AS gate_try OFFSET 0) t8
    CROSS JOIN LATERAL (SELECT coalesce(${freezeEndSql(Prisma.sql`c.change_class`, Prisma.sql`t8.gate_try`)}, t8.gate_try) AS p1_gate_at OFFSET 0) t9
    CROSS JOIN LATERAL (SELECT t9.p1_gate_at + ${minutes(Prisma.sql`CASE WHEN ${isEmergency} THEN 1 + 4 * ${u('gateLead')} ELSE 1 + 29 * ${u('gateLead')} END`)} AS p1_start OFFSET 0) t10
    CROSS JOIN LATERAL (SELECT t10.p1_start + ${minutes(Prisma.sql`2 + 18 * ${u('productionDuration')}`)} AS p1_finish,
        CASE WHEN ${u('productionFailure')} >= ${MIX.failedDeploy} THEN 'succeeded'
             WHEN ${u('productionFailure')} < ${MIX.failedDeploy * 0.6} THEN 'failed' ELSE 'rolled_back' END AS p1_outcome OFFSET 0) t11
    -- A failed production deploy is usually fixed and deployed again a few hours later.
    CROSS JOIN LATERAL (SELECT t11.p1_finish + ${minutes(Prisma.sql`60 + 300 * ${u('retryWait')}`)} AS retry_wish OFFSET 0) t12
    CROSS JOIN LATERAL (SELECT ${freezeEndSql(Prisma.sql`c.change_class`, Prisma.sql`t12.retry_wish`)} AS freeze_end OFFSET 0) f2
    CROSS JOIN LATERAL (SELECT CASE WHEN f2.freeze_end IS NULL THEN t12.retry_wish ELSE f2.freeze_end + ${minutes(Prisma.sql`1 + 59 * ${u('retryFreezeJitter')}`)} END AS retry_try OFFSET 0) t13
    CROSS JOIN LATERAL (SELECT coalesce(${freezeEndSql(Prisma.sql`c.change_class`, Prisma.sql`t13.retry_try`)}, t13.retry_try) AS p2_gate_at OFFSET 0) t14
    CROSS JOIN LATERAL (SELECT t14.p2_gate_at + ${minutes(Prisma.sql`1 + 29 * ${u('retryGateLead')}`)} AS p2_start OFFSET 0) t15
    CROSS JOIN LATERAL (SELECT t15.p2_start + ${minutes(Prisma.sql`2 + 18 * ${u('retryDuration')}`)} AS p2_finish OFFSET 0) t16
    -- Everything else hangs on those instants.
    CROSS JOIN LATERAL (SELECT
        CASE WHEN ${u('prOpened')} < 0.95 THEN t0.created_at - ${minutes(logN('prGap', 'prGapAngle', byClass(30, 180, 15, 1440), 1.0, 4320))} END AS pr_opened_at,
        -- The emergency change's retroactive approval: in time for most, late for some, never for a few.
        CASE WHEN ${isEmergency} THEN CASE
          WHEN ${u('emergencyReview')} < ${MIX.emergencyReviewInTime} THEN t10.p1_start + ${minutes(Prisma.sql`10 + ${review - 20} * ${u('emergencyReviewDelay')}`)}
          WHEN ${u('emergencyReview')} < ${MIX.emergencyReviewInTime + MIX.emergencyReviewLate} THEN t10.p1_start + ${minutes(Prisma.sql`${review + 60} + 4260 * ${u('emergencyReviewDelay')}`)}
          END END AS retro_at,
        CASE WHEN ${u('emergencyReview')} < ${MIX.emergencyReviewInTime + MIX.emergencyReviewLate} OR ${u('documentedDelay')} < 0.5
          THEN t10.p1_start + ${minutes(Prisma.sql`30 + ${Math.max(review - 60, 1)} * ${u('documentedDelay')}`)} END AS documented_at,
        t1.submitted_at + ${minutes(Prisma.sql`60 + 14340 * ${u('cancelDelay')}`)} AS cancel_at,
        least(t10.p1_start + ${minutes(logN('incidentGap', 'incidentGapAngle', Prisma.sql`90`, 0.9, 1440))}, ${nowAt} - interval '30 minutes') AS incident_start,
        t0.created_at, t1.submitted_at, t2.a1_at, t4.approved_at, t5.sg_start, t6.sg_gate_at, t6.sg_finish, t9.p1_gate_at, t10.p1_start, t11.p1_finish, t11.p1_outcome,
        t14.p2_gate_at, t15.p2_start, t16.p2_finish, t3.a2_pre_at
      OFFSET 0) t
    -- What has happened by the run's instant.
    CROSS JOIN LATERAL (SELECT
        t.submitted_at <= ${nowAt} AS is_submitted, c.fate = 'flow' AS is_flow,
        c.fate = 'flow' AND t.sg_start <= ${nowAt} AS sg_inc,
        c.fate = 'flow' AND t.p1_start <= ${nowAt} AS p1_inc,
        c.fate = 'flow' AND t.p1_finish <= ${nowAt} AS p1_done,
        t.p1_outcome <> 'succeeded' AND ${u('retry')} < ${MIX.retried} AS p2_planned,
        c.fate = 'flow' AND t.p1_outcome <> 'succeeded' AND ${u('retry')} < ${MIX.retried} AND t.p1_finish <= ${nowAt} AND t.p2_start <= ${nowAt} AS p2_inc,
        c.fate = 'flow' AND t.p1_outcome <> 'succeeded' AND ${u('retry')} < ${MIX.retried} AND t.p1_finish <= ${nowAt} AND t.p2_finish <= ${nowAt} AS p2_done,
        ${u('unauthorized')} < ${MIX.unauthorized} AS p1_unauth, ${u('retryUnauthorized')} < ${MIX.unauthorized} AS p2_unauth,
        t.submitted_at <= ${nowAt} AND t.a1_at <= ${nowAt} AND (c.fate NOT IN ('cancel', 'stall_submitted') OR (c.fate = 'stall_submitted' AND c.change_class IN ('normal', 'major'))) AS a1_inc,
        CASE WHEN c.change_class = 'emergency' THEN t.retro_at ELSE t.a2_pre_at END AS a2_at,
        coalesce(CASE WHEN c.change_class = 'emergency' THEN c.fate = 'flow' AND t.retro_at <= ${nowAt}
                      ELSE c.fate IN ('flow', 'stall_approved') AND t.a2_pre_at <= ${nowAt} END, false) AS a2_inc,
        c.fate = 'flow' AND t.p1_finish <= ${nowAt} AND t.p1_start <= ${nowAt} - interval '60 minutes'
          AND ${u('incident')} < CASE WHEN t.p1_outcome = 'succeeded' THEN ${MIX.incidentAfterSuccess}::float8 ELSE ${MIX.incidentAfterFailure}::float8 END AS has_incident
      OFFSET 0) s
    CROSS JOIN LATERAL (SELECT CASE WHEN s.p1_done AND t.p1_outcome = 'succeeded' THEN t.p1_finish WHEN s.p2_done THEN t.p2_finish END AS reached_at OFFSET 0) r0
    CROSS JOIN LATERAL (SELECT
        -- Reached production, or failed there with no second attempt: the change can be closed.
        coalesce(r0.reached_at, CASE WHEN s.p1_done AND NOT s.p2_planned THEN t.p1_finish END) + ${minutes(Prisma.sql`60 + 4260 * ${u('closeDelay')}`)} AS close_at OFFSET 0) r1
    CROSS JOIN LATERAL (SELECT r0.reached_at, r1.close_at, CASE
        WHEN NOT s.is_submitted THEN 'draft'
        WHEN c.fate = 'cancel' THEN CASE WHEN t.cancel_at <= ${nowAt} THEN 'cancelled' ELSE 'submitted' END
        WHEN c.fate = 'reject' THEN CASE WHEN t.a1_at <= ${nowAt} THEN 'rejected' ELSE 'submitted' END
        WHEN c.fate = 'stall_submitted' THEN 'submitted'
        WHEN c.fate = 'stall_approved' THEN CASE WHEN t.approved_at <= ${nowAt} THEN 'approved' ELSE 'submitted' END
        WHEN s.sg_inc THEN CASE WHEN r1.close_at <= ${nowAt} AND ${u('close')} < 0.85 THEN 'closed' ELSE 'deployed' END
        WHEN t.approved_at <= ${nowAt} THEN 'approved' ELSE 'submitted' END AS status OFFSET 0) r
    ORDER BY g.i`;
}
