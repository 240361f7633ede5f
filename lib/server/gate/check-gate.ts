import { z } from 'zod';
import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { evaluateApprovals, type ApprovalInput } from '@/lib/policy/approval-rules';
import { CHANGE_CLASSES, CHANGE_STATUSES } from '@/lib/policy/change-class';
import type { PolicyReason } from '@/lib/policy/decision';
import { evaluateFreeze, type FreezeContext } from '@/lib/policy/freeze-window';
import { MIGRATION_TYPES, migrationReadiness } from '@/lib/policy/migration-plan';
import { planFacts } from '@/lib/server/migrations/lock-migration-plan';
import { ZWeeklyWindows } from '@/lib/policy/policy-settings';
import { canViewChange, type Actor } from '@/lib/policy/permissions';
import type { GateCheckRequest } from '@/lib/schemas/gate-api';
import { ZBlockingIncidentRow, ZInstantText, blockingIncidentsJson, calendarReadRange } from '@/lib/server/calendar/freeze-state-sql';

export type CheckGateInput = {
  /** The person behind a personal token, or null for a service token. */
  actor: Actor | null;
  tokenId?: string | null;
  /** The request's clock: when the gate evaluates. */
  at: Date;
  check: GateCheckRequest;
  requestId?: string;
};

export type GateVerdict = {
  id: string;
  decision: 'allow' | 'deny';
  reasons: PolicyReason[];
  policyVersion: number;
  /** The moment asked about: the request's clock, or the previewed instant. */
  at: Date;
  evaluatedAt: Date;
  nextAllowedAt: Date | null;
  isPreview: boolean;
};

/** What the gate cannot decide on because it does not exist for the caller (answered 404 with a deny). */
export type GateUnknown = { reason: PolicyReason };

const APPROVED_STATUSES = new Set(['approved', 'deployed']);

// The values the database's enum may hold, as the policy type names them.
const APPROVAL_DECISIONS = ['approve', 'reject'] as const satisfies readonly ApprovalInput['decision'][];

/**
 * Everything one decision reads, as the single statement below returns it. Parsed, so that a row the
 * gate does not understand fails the check closed (503) instead of deciding on a guess.
 */
const ZGateState = z.object({
  policy: z.object({ version: z.number().int(), timeZone: z.string(), weeklyWindows: ZWeeklyWindows }),
  environment: z.object({ id: z.string(), slug: z.string(), isGated: z.boolean() }).nullable(),
  change: z.object({
    id: z.string(), status: z.enum(CHANGE_STATUSES), changeClass: z.enum(CHANGE_CLASSES), authorId: z.string(), teamId: z.string(),
    contentVersion: z.number().int(), adrUrl: z.string().nullable(),
    serviceIds: z.array(z.string()),
    incidents: z.array(z.object({ incidentId: z.string(), link: z.enum(['fixes', 'caused']) })),
    approvals: z.array(z.object({ approverId: z.string(), decision: z.enum(APPROVAL_DECISIONS), contentVersion: z.number().int(), wasStaffPlus: z.boolean(), decidedAt: ZInstantText })),
    override: z.object({ id: z.string(), grantedAt: ZInstantText, expiresAt: ZInstantText, revokedAt: ZInstantText.nullable(), incidentId: z.string().nullable() }).nullable(),
    /** Migration plans still to run (planned or running); their details are read field by field like everywhere else. */
    migrations: z.array(z.object({
      type: z.enum(MIGRATION_TYPES), title: z.string(), status: z.enum(['planned', 'running']), details: z.unknown(),
      rollbackPlan: z.string(), successCriteria: z.string(), monitoring: z.string(), communicationPlan: z.string(),
    })),
  }).nullable(),
  holidays: z.array(z.string()),
  declaredFreezes: z.array(z.object({ id: z.string(), reason: z.string(), startsAt: ZInstantText, endsAt: ZInstantText, serviceIds: z.array(z.string()), environmentIds: z.array(z.string()) })),
  incidents: z.array(ZBlockingIncidentRow),
});

/**
 * The state one decision needs, read in ONE statement (one round trip, one snapshot). The gate is the
 * hottest endpoint pipelines call, and this process's CPU per query is what limits it (STACK.md):
 * Prisma loads each relation with a query of its own, twelve in all here. One statement also reads
 * everything at one instant of the database, so the policy version, the calendar and the change can
 * never come from different moments. Nothing is cached: every decision reads the policy version in
 * force as it commits, so a just-published version (or a revoked override) is never answered stale.
 */
async function loadGateState(check: GateCheckRequest, at: Date) {
  // Assumption: a next opening beyond 30 days only has to see freezes already under way; later ones are not loaded.
  const { holidaysFrom, holidaysTo, horizon } = calendarReadRange(at);
  const rows = await db.$queryRaw<{ state: unknown }[]>`
    SELECT json_build_object(
      'policy', (SELECT json_build_object('version', p.version, 'timeZone', p.time_zone, 'weeklyWindows', p.weekly_windows)
                 FROM policy_settings p ORDER BY p.version DESC LIMIT 1),
      'environment', (SELECT json_build_object('id', e.id, 'slug', e.slug, 'isGated', e.is_gated) FROM environment e WHERE e.slug = ${check.environment}),
      'change', (SELECT json_build_object(
          'id', c.id, 'status', c.status, 'changeClass', c.change_class, 'authorId', c.author_id, 'teamId', c.team_id,
          'contentVersion', c.content_version, 'adrUrl', c.adr_url,
          'serviceIds', COALESCE((SELECT json_agg(cs.service_id) FROM change_service cs WHERE cs.change_request_id = c.id), '[]'),
          'incidents', COALESCE((SELECT json_agg(json_build_object('incidentId', ci.incident_id, 'link', ci.link)) FROM change_incident ci WHERE ci.change_request_id = c.id), '[]'),
          'approvals', COALESCE((SELECT json_agg(json_build_object('approverId', a.approver_id, 'decision', a.decision, 'contentVersion', a.content_version,
                                                                   'wasStaffPlus', a.was_staff_plus, 'decidedAt', a.decided_at))
                                 FROM approval a WHERE a.change_request_id = c.id), '[]'),
          -- Assumption: with several overrides in force, the one an incident commander granted counts (it lifts more), else the latest.
          'override', (SELECT json_build_object('id', o.id, 'grantedAt', o.granted_at, 'expiresAt', o.expires_at, 'revokedAt', o.revoked_at, 'incidentId', o.incident_id)
                       FROM freeze_override o
                       WHERE o.change_request_id = c.id AND o.granted_at <= ${at} AND o.expires_at > ${at} AND (o.revoked_at IS NULL OR o.revoked_at > ${at})
                       ORDER BY o.incident_id ASC NULLS LAST, o.granted_at DESC LIMIT 1),
          'migrations', COALESCE((SELECT json_agg(json_build_object('type', m.type, 'title', m.title, 'status', m.status, 'details', m.details,
                                                                    'rollbackPlan', m.rollback_plan, 'successCriteria', m.success_criteria,
                                                                    'monitoring', m.monitoring, 'communicationPlan', m.communication_plan) ORDER BY m.created_at, m.id)
                                  FROM migration_plan m WHERE m.change_request_id = c.id AND m.status IN ('planned', 'running')), '[]'))
        FROM change_request c WHERE c.id = ${check.changeId}::uuid),
      'holidays', COALESCE((SELECT json_agg(to_char(h.date, 'YYYY-MM-DD')) FROM holiday h WHERE h.date BETWEEN ${holidaysFrom}::date AND ${holidaysTo}::date), '[]'),
      'declaredFreezes', COALESCE((SELECT json_agg(json_build_object('id', f.id, 'reason', f.reason, 'startsAt', f.starts_at, 'endsAt', f.ends_at,
            'serviceIds', COALESCE((SELECT json_agg(fs.service_id) FROM declared_freeze_service fs WHERE fs.declared_freeze_id = f.id), '[]'),
            'environmentIds', COALESCE((SELECT json_agg(fe.environment_id) FROM declared_freeze_environment fe WHERE fe.declared_freeze_id = f.id), '[]')))
          FROM declared_freeze f WHERE f.starts_at < ${horizon} AND f.ends_at > ${at}), '[]'),
      'incidents', ${blockingIncidentsJson(at)}
    ) AS state`;
  const state = rows[0]?.state;
  return ZGateState.parse(typeof state === 'string' ? JSON.parse(state) : state);
}

/**
 * The deploy gate (CTRL-012.2): whether a change may deploy to an environment at an instant, with every
 * reason: approvals (CTRL-012.1), freezes, incidents and overrides (CTRL-012.2), migration readiness (CTRL-012.3). Reads everything in one statement, decides with the pure rules, then records the decision
 * (and, for real checks, the audit event) in one short transaction.
 */
export async function checkGate({ actor, tokenId = actor?.tokenId ?? null, at: evaluatedAt, check, requestId }: CheckGateInput): Promise<GateVerdict | GateUnknown> {
  const at = check.at ?? evaluatedAt;
  const isPreview = check.at !== undefined;
  const { policy, environment, change, holidays, declaredFreezes, incidents } = await loadGateState(check, at);

  // Another team's draft is answered like a missing change: the gate never reveals it.
  if (!change || !canViewChange(actor, change)) return { reason: { control: 'CTRL-012.2', code: 'UNKNOWN_CHANGE', message: 'No such change request.' } };
  if (!environment) return { reason: { control: 'CTRL-012.2', code: 'UNKNOWN_ENVIRONMENT', message: `No environment "${check.environment}".` } };

  const reasons: PolicyReason[] = [];
  // Assumption: approvals are enforced only where the gate is on (production by default, switched on per
  // environment), like the freeze rules: an ungated staging takes unapproved changes.
  if (environment.isGated) {
    if (!APPROVED_STATUSES.has(change.status)) reasons.push({ control: 'CTRL-012.1', code: 'NOT_APPROVED', message: `The change is ${change.status}, not approved.` });
    const approvals = evaluateApprovals(change, change.approvals);
    if (approvals.state !== 'approved') reasons.push(...approvals.missing);
    // Assumption: migration plans must be complete only where the gate is on: their checklist asks for
    // a staging test, so an ungated staging environment must take the change before the plan is complete.
    reasons.push(...change.migrations.flatMap((plan) => migrationReadiness(planFacts(plan))));
  }

  const override = change.override;
  const context: FreezeContext = {
    timeZone: policy.timeZone,
    weeklyWindows: policy.weeklyWindows,
    holidays,
    declaredFreezes,
    incidents: incidents.map((incident) => ({ ...incident, reference: `INC-${incident.number}` })),
    override: override && { grantedAt: override.grantedAt, expiresAt: override.expiresAt, revokedAt: override.revokedAt, commanderOfIncidentId: override.incidentId },
  };
  const freeze = evaluateFreeze(
    { change: { changeClass: change.changeClass, serviceIds: change.serviceIds, incidentLinks: change.incidents }, environment, useOverride: check.useOverride },
    at,
    context,
  );
  reasons.push(...freeze.reasons);

  const decision = reasons.length === 0 ? 'allow' : 'deny';
  // Only an allow that the override made possible names it as its evidence.
  const overrideId = override && check.useOverride && freeze.liftedByOverride.length > 0 ? override.id : null;
  // Assumption: nextAllowedAt answers the calendar only; it is shown even when approvals are missing too.
  const nextAllowedAt = decision === 'deny' ? freeze.nextAllowedAt : null;

  // A short write transaction; bounded waits so a stuck database fails the gate closed quickly.
  const row = await db.$transaction(async (tx) => {
    const created = await tx.gateDecision.create({
      data: {
        changeRequestId: change.id, environmentId: environment.id, result: decision, reasons, policyVersion: policy.version,
        at, evaluatedAt, isPreview, nextAllowedAt, overrideId, tokenId, requestId: requestId ?? null,
      },
      select: { id: true },
    });
    // Assumption: previews are recorded as gate decisions but not audited: they authorize nothing
    // (recordDeployment ignores them), and every audit append serialises on the chain head.
    if (!isPreview) {
      await appendAudit(tx, {
        action: 'gate.checked', entityType: 'gate-decision', entityId: created.id, actor: { id: actor?.id ?? null, tokenId }, at: evaluatedAt, requestId,
        changeSet: {
          changeId: change.id, environmentId: environment.id, environmentSlug: environment.slug, decision, reasons,
          liftedByOverride: freeze.liftedByOverride, overrideId, useOverride: check.useOverride ?? false,
          policyVersion: policy.version, nextAllowedAt: nextAllowedAt?.toISOString() ?? null,
        },
      });
    }
    return created;
  }, { maxWait: 2_000, timeout: 5_000 });

  return { id: row.id, decision, reasons, policyVersion: policy.version, at, evaluatedAt, nextAllowedAt, isPreview };
}

export function isGateVerdict(result: GateVerdict | GateUnknown): result is GateVerdict {
  return 'decision' in result;
}
