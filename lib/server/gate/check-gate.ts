import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { evaluateApprovals } from '@/lib/policy/approval-rules';
import type { PolicyReason } from '@/lib/policy/decision';
import { BLOCKING_SEVERITIES, evaluateFreeze, type FreezeContext } from '@/lib/policy/freeze-window';
import { canViewChange, type Actor } from '@/lib/policy/permissions';
import type { GateCheckRequest } from '@/lib/schemas/gate-api';

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

const DAY_MS = 86_400_000;
/** How far ahead holidays and declared freezes are loaded for nextAllowedAt. */
// Assumption: a next opening beyond 30 days only has to see freezes already under way; later ones are not loaded.
const LOOKAHEAD_DAYS = 30;
// Holidays are local dates in the policy zone, which is read in the same round trip: UTC dates a day
// wider either side cover every zone offset (at most ±14 h).
const HOLIDAY_MARGIN_DAYS = 2;

const APPROVED_STATUSES = new Set(['approved', 'deployed']);

const utcDate = (time: number) => new Date(time).toISOString().slice(0, 10);

/**
 * The deploy gate (CTRL-012.2): whether a change may deploy to an environment at an instant, with every
 * reason. Loads everything in one batch of parallel reads, decides with the pure rules, then records
 * the decision (and, for real checks, the audit event) in one short transaction.
 */
export async function checkGate({ actor, tokenId = actor?.tokenId ?? null, at: evaluatedAt, check, requestId }: CheckGateInput): Promise<GateVerdict | GateUnknown> {
  const at = check.at ?? evaluatedAt;
  const isPreview = check.at !== undefined;
  const time = at.getTime();
  const [change, environment, policy, holidays, declaredFreezes, incidents] = await Promise.all([
    db.changeRequest.findUnique({
      where: { id: check.changeId },
      select: {
        id: true, status: true, changeClass: true, authorId: true, teamId: true, contentVersion: true, adrUrl: true,
        services: { select: { serviceId: true } },
        incidents: { select: { incidentId: true, link: true } },
        approvals: { select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true } },
        overrides: {
          where: { grantedAt: { lte: at }, expiresAt: { gt: at }, OR: [{ revokedAt: null }, { revokedAt: { gt: at } }] },
          // Assumption: with several overrides in force, the one an incident commander granted counts (it lifts more), else the latest.
          orderBy: [{ incidentId: { sort: 'asc', nulls: 'last' } }, { grantedAt: 'desc' }],
          take: 1,
          select: { id: true, grantedAt: true, expiresAt: true, revokedAt: true, incidentId: true },
        },
      },
    }),
    db.environment.findUnique({ where: { slug: check.environment }, select: { id: true, slug: true, isGated: true } }),
    policySettingsInForce(db),
    db.holiday.findMany({
      where: { date: { gte: new Date(`${utcDate(time - HOLIDAY_MARGIN_DAYS * DAY_MS)}T00:00:00Z`), lte: new Date(`${utcDate(time + (LOOKAHEAD_DAYS + HOLIDAY_MARGIN_DAYS) * DAY_MS)}T00:00:00Z`) } },
      select: { date: true },
    }),
    db.declaredFreeze.findMany({
      where: { startsAt: { lt: new Date(time + LOOKAHEAD_DAYS * DAY_MS) }, endsAt: { gt: at } },
      select: { id: true, reason: true, startsAt: true, endsAt: true, services: { select: { serviceId: true } }, environments: { select: { environmentId: true } } },
    }),
    db.incident.findMany({
      where: { severity: { in: [...BLOCKING_SEVERITIES] }, startedAt: { lte: at }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: at } }] },
      select: { id: true, number: true, severity: true, startedAt: true, resolvedAt: true },
    }),
  ]);

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
  }

  const override = change.overrides[0] ?? null;
  const context: FreezeContext = {
    timeZone: policy.timeZone,
    weeklyWindows: policy.weeklyWindows,
    holidays: holidays.map((holiday) => holiday.date.toISOString().slice(0, 10)),
    declaredFreezes: declaredFreezes.map((freeze) => ({
      id: freeze.id, reason: freeze.reason, startsAt: freeze.startsAt, endsAt: freeze.endsAt,
      serviceIds: freeze.services.map((row) => row.serviceId), environmentIds: freeze.environments.map((row) => row.environmentId),
    })),
    incidents: incidents.map((incident) => ({ ...incident, reference: `INC-${incident.number}` })),
    override: override && { grantedAt: override.grantedAt, expiresAt: override.expiresAt, revokedAt: override.revokedAt, commanderOfIncidentId: override.incidentId },
  };
  const freeze = evaluateFreeze(
    { change: { changeClass: change.changeClass, serviceIds: change.services.map((row) => row.serviceId), incidentLinks: change.incidents }, environment, useOverride: check.useOverride },
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
