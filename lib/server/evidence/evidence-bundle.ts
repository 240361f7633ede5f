// The evidence bundle of one POL-012 control for a period: the records an auditor samples, the policy
// settings versions in force, and a summary with findings. Read-only; every query is bounded by the
// period (and by EVIDENCE_RECORD_LIMIT, with `isTruncated` saying so). Times are ISO 8601 UTC.
import { db } from '@/lib/server/db';
import { EXCEPTION_SELECT, toExceptionEntry } from '@/lib/server/exceptions/queries';
import { findStaleFlags } from '@/lib/server/flags/stale-flags';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { CLASS_RULES, evaluateEmergencyReview, missingEmergencyRecord, secondApprovalAt } from '@/lib/policy/approval-rules';
import { changeReference } from '@/lib/policy/change-class';
import { configChecklist, needsConfirmation, type ConfigChangeFacts } from '@/lib/policy/config-change';
import { migrationChecklist, type MigrationPlanFacts } from '@/lib/policy/migration-plan';
import { evidencePeriodInstants, type EvidenceControl, type EvidenceQuery } from '@/lib/schemas/evidence-query';

export const EVIDENCE_BUNDLE_FORMAT = 'changeboard.evidence-bundle/1';
/** The most records of one kind a bundle holds; a busier period is exported in shorter periods. */
export const EVIDENCE_RECORD_LIMIT = 5000;

type Person = { id: string; name: string | null; email: string };
type Reason = { control?: string; code?: string; message?: string };

export type EvidenceFinding = {
  /** Stable code, e.g. `DEPLOY_WITHOUT_INDEPENDENT_APPROVAL`. */
  code: string;
  message: string;
  count: number;
  /** Ids of the records concerned (deployments, exceptions, changes…). */
  recordIds: string[];
};

const PERSON = { select: { id: true, name: true, email: true } } as const;
const CHANGE = { select: { id: true, number: true, title: true, changeClass: true, authorId: true, author: PERSON, coAuthors: { select: { userId: true } } } } as const;
const iso = (at: Date | null | undefined) => (at ? at.toISOString() : null);
const reasonsOf = (value: unknown): Reason[] => (Array.isArray(value) ? (value as Reason[]) : []);
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function finding(code: string, ids: readonly string[], message: (count: number) => string): EvidenceFinding[] {
  return ids.length ? [{ code, message: message(ids.length), count: ids.length, recordIds: [...ids] }] : [];
}

function changeOf(change: { id: string; number: number; title: string; changeClass: string; author: Person }) {
  return { id: change.id, reference: changeReference(change.number), title: change.title, class: change.changeClass, author: change.author };
}

type Period = { start: Date; end: Date };

/**
 * Policy settings versions in force at some moment of the period: the one in force at its start and every later one.
 * Assumption: before version 1 was recorded its defaults applied, so a period before it lists version 1.
 */
async function policyVersionsInForce({ start, end }: Period) {
  const [atStart, during] = await Promise.all([
    db.policySettings.findFirst({ where: { createdAt: { lte: start } }, orderBy: { version: 'desc' }, select: { version: true, timeZone: true, createdAt: true, note: true } })
      .then((row) => row ?? db.policySettings.findFirst({ where: { createdAt: { lt: end } }, orderBy: { version: 'asc' }, select: { version: true, timeZone: true, createdAt: true, note: true } }))
      .then((row) => row ?? db.policySettings.findFirst({ orderBy: { version: 'asc' }, select: { version: true, timeZone: true, createdAt: true, note: true } })),
    db.policySettings.findMany({ where: { createdAt: { gt: start, lt: end } }, orderBy: { version: 'asc' }, select: { version: true, timeZone: true, createdAt: true, note: true } }),
  ]);
  return [...(atStart ? [atStart] : []), ...during.filter((row) => row.version !== atStart?.version)].map((row) => ({ version: row.version, timeZone: row.timeZone, publishedAt: row.createdAt.toISOString(), note: row.note }));
}

/** Production deployments started in the period, by the (environmentId, startedAt) index. */
async function productionDeployments({ start, end }: Period) {
  const environments = await db.environment.findMany({ where: { isProduction: true }, select: { id: true } });
  const rows = await db.deployment.findMany({
    where: { environmentId: { in: environments.map((environment) => environment.id) }, startedAt: { gte: start, lt: end } },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    take: EVIDENCE_RECORD_LIMIT + 1,
    select: {
      id: true, status: true, commitSha: true, startedAt: true, finishedAt: true, isUnauthorized: true, unauthorizedReasons: true,
      environment: { select: { id: true, slug: true, name: true } },
      changeRequest: CHANGE,
      gateDecision: { select: { id: true, result: true, reasons: true, policyVersion: true, evaluatedAt: true, isPreview: true, overrideId: true } },
    },
  });
  return { rows: rows.slice(0, EVIDENCE_RECORD_LIMIT), isTruncated: rows.length > EVIDENCE_RECORD_LIMIT };
}

/**
 * CTRL-012.1: every production deploy traced to its change and the approvals of the version it shipped.
 * Assumption: the version deployed is the content version current when the deploy started (the latest
 * version snapshot created at or before it); approvals are those on that version, and one counts for
 * the deploy when it approves, came from someone other than the author and co-authors, and was given
 * before the deploy started (an emergency change's retroactive second approval is listed, not counted).
 */
async function deploymentApprovals(period: Period) {
  const { rows, isTruncated } = await productionDeployments(period);
  const changeIds = [...new Set(rows.map((row) => row.changeRequest.id))];
  const [versions, approvals] = changeIds.length
    ? await Promise.all([
      db.changeRequestVersion.findMany({ where: { changeRequestId: { in: changeIds } }, select: { changeRequestId: true, contentVersion: true, createdAt: true } }),
      db.approval.findMany({ where: { changeRequestId: { in: changeIds } }, orderBy: { decidedAt: 'asc' }, select: { id: true, changeRequestId: true, contentVersion: true, decision: true, comment: true, wasStaffPlus: true, decidedAt: true, approverId: true, approver: PERSON } }),
    ])
    : [[], []];
  const records = rows.map((row) => {
    const change = row.changeRequest;
    const deployedVersion = versions
      .filter((version) => version.changeRequestId === change.id && version.createdAt <= row.startedAt)
      .reduce((latest, version) => Math.max(latest, version.contentVersion), 1);
    const owners = new Set([change.authorId, ...change.coAuthors.map((coAuthor) => coAuthor.userId)]);
    const onVersion = approvals.filter((approval) => approval.changeRequestId === change.id && approval.contentVersion === deployedVersion).map((approval) => ({
      id: approval.id,
      approver: approval.approver,
      decision: approval.decision,
      comment: approval.comment,
      wasStaffPlus: approval.wasStaffPlus,
      decidedAt: approval.decidedAt.toISOString(),
      isByAuthor: owners.has(approval.approverId),
      isBeforeDeploy: approval.decidedAt <= row.startedAt,
    }));
    const counting = new Set(onVersion.filter((approval) => approval.decision === 'approve' && !approval.isByAuthor && approval.isBeforeDeploy).map((approval) => approval.approver.id));
    return {
      id: row.id,
      environment: row.environment,
      status: row.status,
      commitSha: row.commitSha,
      startedAt: row.startedAt.toISOString(),
      finishedAt: iso(row.finishedAt),
      change: changeOf(change),
      deployedContentVersion: deployedVersion,
      approvals: onVersion,
      requiredApprovals: CLASS_RULES[change.changeClass].approvals,
      independentApprovalsBeforeDeploy: counting.size,
      /** Whether someone other than the author (and co-authors) approved the deployed version before the deploy. */
      hasApprovalByOtherThanAuthor: counting.size > 0,
      hasSelfApproval: onVersion.some((approval) => approval.decision === 'approve' && approval.isByAuthor),
      gateDecision: row.gateDecision ? { ...row.gateDecision, evaluatedAt: row.gateDecision.evaluatedAt.toISOString(), reasons: reasonsOf(row.gateDecision.reasons) } : null,
      isUnauthorized: row.isUnauthorized,
      unauthorizedReasons: reasonsOf(row.unauthorizedReasons),
    };
  });
  return { records, isTruncated };
}

async function ctrl0121(period: Period) {
  const { records: deployments, isTruncated } = await deploymentApprovals(period);
  const ids = (keep: (deploy: (typeof deployments)[number]) => boolean) => deployments.filter(keep).map((deploy) => deploy.id);
  const findings = [
    ...finding('DEPLOY_WITHOUT_INDEPENDENT_APPROVAL', ids((deploy) => !deploy.hasApprovalByOtherThanAuthor), (n) => `${plural(n, 'deploy', 'deploys')} without an approval by someone other than the author before the deploy.`),
    ...finding('DEPLOY_SELF_APPROVED', ids((deploy) => deploy.hasSelfApproval), (n) => `${plural(n, 'deploy', 'deploys')} of a version approved by its own author or co-author.`),
    ...finding('DEPLOY_BELOW_CLASS_RULE', ids((deploy) => deploy.independentApprovalsBeforeDeploy < deploy.requiredApprovals), (n) => `${plural(n, 'deploy', 'deploys')} with fewer approvals before the deploy than the class requires.`),
    ...finding('DEPLOY_FLAGGED_UNAUTHORIZED', ids((deploy) => deploy.isUnauthorized), (n) => `${plural(n, 'deploy', 'deploys')} flagged unauthorized when recorded.`),
    ...finding('DEPLOY_WITHOUT_GATE_DECISION', ids((deploy) => deploy.gateDecision === null), (n) => `${plural(n, 'deploy', 'deploys')} without a gate decision on record.`),
  ];
  return { counts: { productionDeployments: deployments.length }, findings, isTruncated, records: { deployments } };
}

async function ctrl0122({ start, end }: Period, query: EvidenceQuery) {
  const [decisions, freezes, holidays, incidents, overrides, deploys] = await Promise.all([
    db.gateDecision.findMany({
      where: { isPreview: false, evaluatedAt: { gte: start, lt: end } },
      orderBy: [{ evaluatedAt: 'asc' }, { id: 'asc' }],
      take: EVIDENCE_RECORD_LIMIT + 1,
      select: { id: true, result: true, reasons: true, policyVersion: true, at: true, evaluatedAt: true, overrideId: true, changeRequest: { select: { id: true, number: true } }, environment: { select: { slug: true } } },
    }),
    db.declaredFreeze.findMany({ where: { startsAt: { lt: end }, endsAt: { gt: start } }, orderBy: { startsAt: 'asc' }, take: EVIDENCE_RECORD_LIMIT, select: { id: true, reason: true, startsAt: true, endsAt: true, createdBy: PERSON, services: { select: { service: { select: { name: true } } } }, environments: { select: { environment: { select: { slug: true } } } } } }),
    db.holiday.findMany({ where: { date: { gte: new Date(`${query.from}T00:00:00.000Z`), lte: new Date(`${query.to}T00:00:00.000Z`) } }, orderBy: { date: 'asc' }, select: { id: true, date: true, name: true } }),
    db.incident.findMany({ where: { startedAt: { lt: end }, OR: [{ resolvedAt: null }, { resolvedAt: { gt: start } }] }, orderBy: { startedAt: 'asc' }, take: EVIDENCE_RECORD_LIMIT, select: { id: true, number: true, title: true, severity: true, startedAt: true, resolvedAt: true, commander: PERSON } }),
    db.freezeOverride.findMany({ where: { grantedAt: { lt: end }, expiresAt: { gt: start } }, orderBy: { grantedAt: 'asc' }, take: EVIDENCE_RECORD_LIMIT, select: { id: true, justification: true, grantedAt: true, expiresAt: true, revokedAt: true, revocationReason: true, grantedBy: PERSON, changeRequest: { select: { id: true, number: true } }, incident: { select: { number: true } } } }),
    productionDeployments({ start, end }),
  ]);
  const noAllow = deploys.rows.filter((deploy) => reasonsOf(deploy.unauthorizedReasons).some((reason) => reason.code === 'NO_GATE_ALLOW')).map((deploy) => deploy.id);
  const gateDecisions = decisions.slice(0, EVIDENCE_RECORD_LIMIT).map((decision) => ({
    id: decision.id, result: decision.result, reasons: reasonsOf(decision.reasons), policyVersion: decision.policyVersion, at: decision.at.toISOString(), evaluatedAt: decision.evaluatedAt.toISOString(),
    overrideId: decision.overrideId, change: decision.changeRequest ? changeReference(decision.changeRequest.number) : null, changeId: decision.changeRequest?.id ?? null, environment: decision.environment?.slug ?? null,
  }));
  return {
    counts: { gateDecisions: gateDecisions.length, allows: gateDecisions.filter((d) => d.result === 'allow').length, denies: gateDecisions.filter((d) => d.result === 'deny').length, declaredFreezes: freezes.length, holidays: holidays.length, incidents: incidents.length, overrides: overrides.length },
    findings: [
      ...finding('DEPLOY_WITHOUT_GATE_ALLOW', noAllow, (n) => `${plural(n, 'production deploy', 'production deploys')} without a fresh gate allow (NO_GATE_ALLOW).`),
      ...finding('OVERRIDE_USED', overrides.map((override) => override.id), (n) => `${plural(n, 'freeze override', 'freeze overrides')} in force during the period; see their justifications.`),
    ],
    isTruncated: decisions.length > EVIDENCE_RECORD_LIMIT || deploys.isTruncated,
    records: {
      gateDecisions,
      declaredFreezes: freezes.map((freeze) => ({ id: freeze.id, reason: freeze.reason, startsAt: freeze.startsAt.toISOString(), endsAt: freeze.endsAt.toISOString(), createdBy: freeze.createdBy, services: freeze.services.map(({ service }) => service.name), environments: freeze.environments.map(({ environment }) => environment.slug) })),
      holidays: holidays.map((holiday) => ({ id: holiday.id, date: holiday.date.toISOString().slice(0, 10), name: holiday.name })),
      incidents: incidents.map((incident) => ({ id: incident.id, reference: `INC-${incident.number}`, title: incident.title, severity: incident.severity, startedAt: incident.startedAt.toISOString(), resolvedAt: iso(incident.resolvedAt), commander: incident.commander })),
      overrides: overrides.map((override) => ({
        id: override.id, change: changeReference(override.changeRequest.number), changeId: override.changeRequest.id, justification: override.justification, grantedBy: override.grantedBy,
        grantedAt: override.grantedAt.toISOString(), expiresAt: override.expiresAt.toISOString(), revokedAt: iso(override.revokedAt), revocationReason: override.revocationReason, liftsIncident: override.incident ? `INC-${override.incident.number}` : null,
      })),
    },
  };
}

async function ctrl0123({ start, end }: Period) {
  const rows = await db.migrationPlan.findMany({
    where: { executedAt: { gte: start, lt: end } },
    orderBy: [{ executedAt: 'asc' }, { id: 'asc' }],
    take: EVIDENCE_RECORD_LIMIT + 1,
    select: { id: true, type: true, title: true, status: true, details: true, rollbackPlan: true, successCriteria: true, monitoring: true, communicationPlan: true, executedAt: true, outcomeReason: true, changeRequest: { select: { id: true, number: true } } },
  });
  const plans = rows.slice(0, EVIDENCE_RECORD_LIMIT).map((plan) => {
    // Stored details follow the type's shape (validated when written).
    const checklist = migrationChecklist(plan as unknown as MigrationPlanFacts);
    return {
      id: plan.id, change: changeReference(plan.changeRequest.number), changeId: plan.changeRequest.id, type: plan.type, title: plan.title, status: plan.status,
      executedAt: iso(plan.executedAt), outcome: plan.status, outcomeReason: plan.outcomeReason, rollbackPlan: plan.rollbackPlan, successCriteria: plan.successCriteria,
      monitoring: plan.monitoring, communicationPlan: plan.communicationPlan, details: plan.details, checklist, isChecklistComplete: checklist.every((item) => item.isDone),
    };
  });
  return {
    counts: { executed: plans.length, succeeded: plans.filter((p) => p.status === 'succeeded').length, rolledBack: plans.filter((p) => p.status === 'rolled_back').length },
    findings: [
      ...finding('MIGRATION_CHECKLIST_INCOMPLETE', plans.filter((p) => !p.isChecklistComplete).map((p) => p.id), (n) => `${plural(n, 'migration', 'migrations')} executed with an incomplete checklist.`),
      ...finding('MIGRATION_ROLLED_BACK', plans.filter((p) => p.status === 'rolled_back').map((p) => p.id), (n) => `${plural(n, 'migration', 'migrations')} rolled back.`),
    ],
    isTruncated: rows.length > EVIDENCE_RECORD_LIMIT,
    records: { migrationPlans: plans },
  };
}

/** The months (`YYYY-MM`) the period touches. */
function monthsOf(query: EvidenceQuery): string[] {
  const months: string[] = [];
  for (let month = query.from.slice(0, 7); month <= query.to.slice(0, 7);) {
    months.push(month);
    const [year, m] = month.split('-').map(Number) as [number, number];
    month = m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
  }
  return months;
}

async function ctrl0124({ end }: Period, query: EvidenceQuery, at: Date) {
  // The inventory as it stands at the end of the period (or now, for a period still running).
  const asOf = end < at ? end : at;
  const months = monthsOf(query);
  const [flags, stale, audits] = await Promise.all([
    db.featureFlag.findMany({
      where: { createdAt: { lt: asOf }, OR: [{ archivedAt: null }, { archivedAt: { gte: asOf } }] },
      orderBy: { key: 'asc' },
      take: EVIDENCE_RECORD_LIMIT + 1,
      select: { id: true, key: true, type: true, status: true, purpose: true, rolloutPercent: true, fullRolloutAt: true, expiresAt: true, archivedAt: true, extensionReason: true, createdAt: true, owner: PERSON, team: { select: { name: true } }, feature: { select: { key: true } } },
    }),
    findStaleFlags(db, asOf),
    db.flagAudit.findMany({
      where: { month: { in: months } },
      orderBy: { month: 'asc' },
      select: { id: true, month: true, openedAt: true, closedAt: true, items: { select: { id: true, decision: true, reason: true, extendedTo: true, decidedAt: true, decidedBy: PERSON, flag: { select: { key: true } } } } },
    }),
  ]);
  const audited = new Set(audits.map((audit) => audit.month));
  const pending = audits.flatMap((audit) => audit.items.filter((item) => item.decision === 'pending').map((item) => item.id));
  return {
    counts: { flags: Math.min(flags.length, EVIDENCE_RECORD_LIMIT), staleAtEnd: stale.length, audits: audits.length },
    findings: [
      ...finding('STALE_FLAGS_AT_END', stale.map((flag) => flag.id), (n) => `${plural(n, 'flag', 'flags')} past their TTL at ${asOf.toISOString()} (target: fewer than 5).`),
      ...finding('MONTH_WITHOUT_FLAG_AUDIT', months.filter((month) => !audited.has(month)), (n) => `${plural(n, 'month', 'months')} of the period without a stale-flag audit.`),
      ...finding('FLAG_AUDIT_ITEM_UNDECIDED', pending, (n) => `${plural(n, 'audited flag', 'audited flags')} still without a decision.`),
    ],
    isTruncated: flags.length > EVIDENCE_RECORD_LIMIT,
    records: {
      inventoryAsOf: asOf.toISOString(),
      flags: flags.slice(0, EVIDENCE_RECORD_LIMIT).map((flag) => ({ ...flag, team: flag.team.name, feature: flag.feature?.key ?? null, fullRolloutAt: iso(flag.fullRolloutAt), expiresAt: iso(flag.expiresAt), archivedAt: iso(flag.archivedAt), createdAt: flag.createdAt.toISOString() })),
      staleFlags: stale.map((flag) => ({ id: flag.id, key: flag.key, expiry: flag.expiry.toISOString(), daysStale: flag.daysStale, isExtended: flag.isExtended })),
      audits: audits.map((audit) => ({ ...audit, openedAt: audit.openedAt.toISOString(), closedAt: iso(audit.closedAt), items: audit.items.map((item) => ({ ...item, flag: item.flag.key, extendedTo: iso(item.extendedTo), decidedAt: iso(item.decidedAt) })) })),
    },
  };
}

async function ctrl0125({ start, end }: Period) {
  const rows = await db.configChange.findMany({
    where: { OR: [{ appliedAt: { gte: start, lt: end } }, { isReportedAfter: true, createdAt: { gte: start, lt: end } }] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: EVIDENCE_RECORD_LIMIT + 1,
    select: {
      id: true, type: true, title: true, status: true, details: true, isReportedAfter: true, appliedAt: true, createdAt: true, requestedById: true, requestedBy: PERSON,
      environment: { select: { slug: true } }, service: { select: { name: true } }, confirmations: { orderBy: { confirmedAt: 'asc' }, select: { confirmerId: true, confirmedAt: true, confirmer: PERSON } },
    },
  });
  const changes = rows.slice(0, EVIDENCE_RECORD_LIMIT).map((row) => {
    // Stored details follow the type's shape (validated when written).
    const facts = row as unknown as ConfigChangeFacts;
    const confirmerIds = row.confirmations.map((confirmation) => confirmation.confirmerId);
    const checklist = configChecklist(facts, confirmerIds);
    return {
      id: row.id, type: row.type, title: row.title, status: row.status, environment: row.environment.slug, service: row.service?.name ?? null, requestedBy: row.requestedBy,
      createdAt: row.createdAt.toISOString(), appliedAt: iso(row.appliedAt), details: row.details, isReportedAfter: row.isReportedAfter,
      confirmations: row.confirmations.map((confirmation) => ({ confirmer: confirmation.confirmer, confirmedAt: confirmation.confirmedAt.toISOString() })),
      needsConfirmation: needsConfirmation(facts), checklist, isChecklistComplete: checklist.every((item) => item.isDone),
    };
  });
  return {
    counts: { configChanges: changes.length, applied: changes.filter((c) => c.appliedAt !== null).length, reportedAfter: changes.filter((c) => c.isReportedAfter).length },
    findings: [
      ...finding('CONFIG_OUTSIDE_PROCESS', changes.filter((c) => c.isReportedAfter).map((c) => c.id), (n) => `${plural(n, 'configuration change', 'configuration changes')} made outside the process and reported afterwards (unauthorized).`),
      ...finding('CONFIG_APPLIED_INCOMPLETE', changes.filter((c) => c.appliedAt !== null && !c.isReportedAfter && !c.isChecklistComplete).map((c) => c.id), (n) => `${plural(n, 'configuration change', 'configuration changes')} applied with an incomplete process checklist.`),
    ],
    isTruncated: rows.length > EVIDENCE_RECORD_LIMIT,
    records: { configChanges: changes },
  };
}

async function exceptionPath({ start, end }: Period, at: Date) {
  const policy = await policySettingsInForce();
  const [exceptionRows, emergencies] = await Promise.all([
    db.policyException.findMany({ where: { openedAt: { gte: start, lt: end } }, orderBy: [{ openedAt: 'asc' }, { id: 'asc' }], take: EVIDENCE_RECORD_LIMIT + 1, select: EXCEPTION_SELECT }),
    db.changeRequest.findMany({
      where: { changeClass: 'emergency', firstProductionDeployAt: { gte: start, lt: end } },
      orderBy: [{ firstProductionDeployAt: 'asc' }, { id: 'asc' }],
      take: EVIDENCE_RECORD_LIMIT + 1,
      select: {
        id: true, number: true, title: true, changeClass: true, authorId: true, author: PERSON, contentVersion: true, adrUrl: true, firstProductionDeployAt: true,
        description: true, rollbackPlan: true, pullRequestUrls: true, changedPaths: true,
        approvals: { select: { approverId: true, decision: true, contentVersion: true, wasStaffPlus: true, decidedAt: true } },
        exceptions: { where: { kind: 'emergency_change' }, orderBy: { openedAt: 'asc' }, take: 1, select: { id: true, documentedAt: true, deadlineAt: true, status: true } },
      },
    }),
  ]);
  const exceptions = exceptionRows.slice(0, EVIDENCE_RECORD_LIMIT).map((row) => {
    const entry = toExceptionEntry(row, at);
    return {
      id: entry.id, kind: entry.kind, status: entry.status, isOverdue: entry.isOverdue, justification: entry.justification, openedAt: entry.openedAt.toISOString(),
      deadlineAt: iso(entry.deadlineAt), documentedAt: iso(entry.documentedAt), change: entry.changeRequest ? changeReference(entry.changeRequest.number) : null,
      requestedBy: entry.requestedBy, approvedBy: entry.approvedBy, overrideState: entry.overrideState,
    };
  });
  const emergencyChanges = emergencies.slice(0, EVIDENCE_RECORD_LIMIT).map((change) => {
    const exception = change.exceptions[0] ?? null;
    const secondAt = secondApprovalAt(change, change.approvals);
    const review = evaluateEmergencyReview({ firstProductionDeployAt: change.firstProductionDeployAt, documentedAt: exception?.documentedAt ?? null, secondApprovalAt: secondAt }, policy.emergencyReviewHours, at);
    const deadline = review.deadline?.getTime() ?? Number.POSITIVE_INFINITY;
    return {
      ...changeOf(change),
      firstProductionDeployAt: iso(change.firstProductionDeployAt),
      reviewDeadline: iso(review.deadline),
      documentedAt: iso(exception?.documentedAt),
      secondApprovalAt: iso(secondAt),
      isDocumentedWithin24h: exception?.documentedAt ? exception.documentedAt.getTime() <= deadline : false,
      isSecondApprovalWithin24h: secondAt ? secondAt.getTime() <= deadline : false,
      reviewState: review.state,
      missingRecord: missingEmergencyRecord(change),
      exceptionId: exception?.id ?? null,
    };
  });
  const late = (keep: (change: (typeof emergencyChanges)[number]) => boolean) => emergencyChanges.filter(keep).map((change) => change.id);
  return {
    counts: { exceptions: exceptions.length, emergencyChanges: emergencyChanges.length, overdueExceptions: exceptions.filter((e) => e.isOverdue).length },
    findings: [
      ...finding('EMERGENCY_DOCUMENTED_LATE', late((c) => c.documentedAt !== null && !c.isDocumentedWithin24h), (n) => `${plural(n, 'emergency change', 'emergency changes')} documented after the ${policy.emergencyReviewHours}-hour window.`),
      ...finding('EMERGENCY_NOT_DOCUMENTED', late((c) => c.documentedAt === null && c.reviewState === 'overdue'), (n) => `${plural(n, 'emergency change', 'emergency changes')} still undocumented past the ${policy.emergencyReviewHours}-hour window.`),
      ...finding('EMERGENCY_SECOND_APPROVAL_LATE', late((c) => c.secondApprovalAt !== null && !c.isSecondApprovalWithin24h), (n) => `${plural(n, 'emergency change', 'emergency changes')} with the second approval after the ${policy.emergencyReviewHours}-hour window.`),
      ...finding('EMERGENCY_SECOND_APPROVAL_MISSING', late((c) => c.secondApprovalAt === null && c.reviewState === 'overdue'), (n) => `${plural(n, 'emergency change', 'emergency changes')} still without a second approval past the window.`),
      ...finding('EXCEPTION_OVERDUE', exceptions.filter((e) => e.isOverdue).map((e) => e.id), (n) => `${plural(n, 'exception', 'exceptions')} open past their deadline.`),
    ],
    isTruncated: exceptionRows.length > EVIDENCE_RECORD_LIMIT || emergencies.length > EVIDENCE_RECORD_LIMIT,
    records: { exceptions, emergencyChanges, emergencyReviewHours: policy.emergencyReviewHours },
  };
}

function sectionFor(control: EvidenceControl, period: Period, query: EvidenceQuery, at: Date) {
  switch (control) {
    case 'CTRL-012.1': return ctrl0121(period);
    case 'CTRL-012.2': return ctrl0122(period, query);
    case 'CTRL-012.3': return ctrl0123(period);
    case 'CTRL-012.4': return ctrl0124(period, query, at);
    case 'CTRL-012.5': return ctrl0125(period);
    case 'EXCEPTION-PATH': return exceptionPath(period, at);
  }
}

/**
 * The bundle of one control for a period of local days (policy zone in force at `at`).
 * Assumption: the period's days are read in the zone in force when the bundle is made; the versions
 * in force during the period are listed, each with its own zone.
 */
export async function evidenceBundle({ query, at, generatedBy }: { query: EvidenceQuery; at: Date; generatedBy: { id: string; name: string | null; email: string | null } | null }) {
  const policy = await policySettingsInForce();
  const period = evidencePeriodInstants(query, policy.timeZone);
  const [section, policyVersions] = await Promise.all([sectionFor(query.control, period, query, at), policyVersionsInForce(period)]);
  return {
    format: EVIDENCE_BUNDLE_FORMAT,
    control: query.control,
    period: { from: query.from, to: query.to, timeZone: policy.timeZone, start: period.start.toISOString(), end: period.end.toISOString(), isEndExclusive: true },
    generatedAt: at.toISOString(),
    generatedBy,
    policySettingsVersions: policyVersions,
    summary: { counts: section.counts as Record<string, number>, findings: section.findings, isTruncated: section.isTruncated },
    records: section.records as Record<string, unknown>,
  };
}

export type EvidenceBundle = Awaited<ReturnType<typeof evidenceBundle>>;
