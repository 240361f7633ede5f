import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { evidenceBundle } from '@/lib/server/evidence/evidence-bundle';
import { exportExceptions } from '@/lib/server/exceptions/queries';
import { evidencePeriodInstants } from '@/lib/schemas/evidence-query';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { createChangeRow, createEnvironment, createTeamWithEngineer, createUser, reviewers } from '@/prisma/factories';

afterAll(() => db.$disconnect());

// A quarter long past, which no other test writes into.
const QUARTER = { from: '2019-07-01', to: '2019-09-30' } as const;
const AT = new Date('2026-11-24T10:00:00.000Z');
const HOUR = 3_600_000;
const aug = (day: number, hour = 12) => new Date(Date.UTC(2019, 7, day, hour));

type DeployRecord = {
  id: string;
  change: { id: string; reference: string; author: { id: string } };
  approvals: { approver: { id: string }; decision: string; isByAuthor: boolean; isBeforeDeploy: boolean }[];
  hasApprovalByOtherThanAuthor: boolean;
  hasSelfApproval: boolean;
  gateDecision: { id: string; result: string } | null;
  isUnauthorized: boolean;
};

async function approve(changeRequestId: string, approverId: string, decidedAt: Date) {
  await db.approval.create({ data: { changeRequestId, approverId, contentVersion: 1, decision: 'approve', wasStaffPlus: false, decidedAt } });
}

async function deploy(changeRequestId: string, environmentId: string, startedAt: Date, extra: { gateDecisionId?: string; isUnauthorized?: boolean } = {}) {
  return db.deployment.create({ data: { changeRequestId, environmentId, status: 'succeeded', startedAt, ...extra }, select: { id: true } });
}

describe('evidenceBundle CTRL-012.1', () => {
  test("a quarter's bundle traces every production deploy to the approvals of its version; self-approved and unapproved deploys are findings", async () => {
    const { team, service, engineer: author } = await createTeamWithEngineer();
    const [reviewer] = await reviewers(1);
    const production = await createEnvironment({ isProduction: true });
    const staging = await createEnvironment({ isProduction: false });
    const change = (title: string) => createChangeRow({ teamId: team.id, authorId: author.id, serviceIds: [service.id], status: 'deployed', title, createdAt: aug(1) });
    const [approved, selfApproved, unapproved] = await Promise.all([change('Approved by a reviewer'), change('Approved by its author'), change('Never approved')]);

    await approve(approved.id, reviewer!.id, aug(2));
    await approve(selfApproved.id, author.id, aug(2));
    const allow = await db.gateDecision.create({ data: { changeRequestId: approved.id, environmentId: production.id, result: 'allow', reasons: [], policyVersion: 1, at: aug(3), evaluatedAt: aug(3) }, select: { id: true } });
    const good = await deploy(approved.id, production.id, aug(3, 13), { gateDecisionId: allow.id });
    const self = await deploy(selfApproved.id, production.id, aug(4));
    const none = await deploy(unapproved.id, production.id, aug(5), { isUnauthorized: true });
    const onStaging = await deploy(unapproved.id, staging.id, aug(5));
    const nextQuarter = await deploy(approved.id, production.id, new Date('2019-10-15T12:00:00Z'));

    const bundle = await evidenceBundle({ query: { control: 'CTRL-012.1', ...QUARTER }, at: AT, generatedBy: null });

    // Every production deploy of the quarter, recomputed from the raw rows, and nothing else.
    const { timeZone } = await policySettingsInForce();
    const { start, end } = evidencePeriodInstants(QUARTER, timeZone);
    const expected = await db.deployment.findMany({ where: { environment: { isProduction: true }, startedAt: { gte: start, lt: end } }, select: { id: true } });
    const deployments = bundle.records.deployments as DeployRecord[];
    expect(deployments.map((record) => record.id).sort()).toEqual(expected.map((row) => row.id).sort());
    expect(deployments.map((record) => record.id)).not.toContain(onStaging.id);
    expect(deployments.map((record) => record.id)).not.toContain(nextQuarter.id);
    expect(bundle.summary.counts.productionDeployments).toBe(expected.length);

    const byId = new Map(deployments.map((record) => [record.id, record]));
    expect(byId.get(good.id)).toMatchObject({
      change: { id: approved.id, reference: `CHG-${approved.number}`, author: { id: author.id } },
      approvals: [{ approver: { id: reviewer!.id }, decision: 'approve', isByAuthor: false, isBeforeDeploy: true }],
      hasApprovalByOtherThanAuthor: true,
      hasSelfApproval: false,
      gateDecision: { id: allow.id, result: 'allow' },
      isUnauthorized: false,
    });
    expect(byId.get(self.id)).toMatchObject({ approvals: [{ approver: { id: author.id }, isByAuthor: true }], hasApprovalByOtherThanAuthor: false, hasSelfApproval: true, gateDecision: null });
    expect(byId.get(none.id)).toMatchObject({ approvals: [], hasApprovalByOtherThanAuthor: false, isUnauthorized: true });

    const finding = (code: string) => bundle.summary.findings.find((item) => item.code === code);
    expect(finding('DEPLOY_WITHOUT_INDEPENDENT_APPROVAL')?.recordIds).toEqual(expect.arrayContaining([self.id, none.id]));
    expect(finding('DEPLOY_WITHOUT_INDEPENDENT_APPROVAL')?.recordIds).not.toContain(good.id);
    expect(finding('DEPLOY_WITHOUT_INDEPENDENT_APPROVAL')?.message).toMatch(/^\d+ deploys? without an approval by someone other than the author/);
    expect(finding('DEPLOY_SELF_APPROVED')?.recordIds).toContain(self.id);
    expect(finding('DEPLOY_FLAGGED_UNAUTHORIZED')?.recordIds).toContain(none.id);
    expect(bundle.period).toMatchObject({ from: QUARTER.from, to: QUARTER.to, start: start.toISOString(), end: end.toISOString() });
    expect(bundle.policySettingsVersions.length).toBeGreaterThan(0);
  });
});

describe('evidenceBundle EXCEPTION-PATH', () => {
  test('an emergency change documented after its window is a finding; one documented in time is not', async () => {
    const { team, service, engineer: author } = await createTeamWithEngineer();
    const [first, second] = await reviewers(2);
    const { emergencyReviewHours } = await policySettingsInForce();
    const emergency = async (documentedAfterHours: number) => {
      const deployedAt = aug(10);
      const row = await createChangeRow({ teamId: team.id, authorId: author.id, serviceIds: [service.id], status: 'deployed', changeClass: 'emergency', createdAt: aug(10, 1) });
      await db.changeRequest.update({ where: { id: row.id }, data: { firstProductionDeployAt: deployedAt } });
      await approve(row.id, first!.id, new Date(deployedAt.getTime() - HOUR));
      await approve(row.id, second!.id, new Date(deployedAt.getTime() + 2 * HOUR));
      const exception = await db.policyException.create({
        data: {
          kind: 'emergency_change', status: 'documented', changeRequestId: row.id, requestedById: author.id, approvedById: first!.id, justification: 'Checkout down',
          openedAt: deployedAt, deadlineAt: new Date(deployedAt.getTime() + emergencyReviewHours * HOUR), documentedAt: new Date(deployedAt.getTime() + documentedAfterHours * HOUR),
        },
        select: { id: true },
      });
      return { ...row, exceptionId: exception.id };
    };
    const late = await emergency(emergencyReviewHours + 6);
    const inTime = await emergency(emergencyReviewHours - 1);

    const bundle = await evidenceBundle({ query: { control: 'EXCEPTION-PATH', ...QUARTER }, at: AT, generatedBy: null });

    const changes = bundle.records.emergencyChanges as { id: string; isDocumentedWithin24h: boolean; isSecondApprovalWithin24h: boolean; reviewState: string; secondApprovalAt: string }[];
    expect(changes.find((change) => change.id === late.id)).toMatchObject({ isDocumentedWithin24h: false, isSecondApprovalWithin24h: true, reviewState: 'late', secondApprovalAt: new Date(aug(10).getTime() + 2 * HOUR).toISOString() });
    expect(changes.find((change) => change.id === inTime.id)).toMatchObject({ isDocumentedWithin24h: true, reviewState: 'complete' });
    const documentedLate = bundle.summary.findings.find((item) => item.code === 'EMERGENCY_DOCUMENTED_LATE');
    expect(documentedLate?.recordIds).toContain(late.id);
    expect(documentedLate?.recordIds).not.toContain(inTime.id);
    const exceptionIds = (bundle.records.exceptions as { id: string }[]).map((entry) => entry.id);
    expect(exceptionIds).toEqual(expect.arrayContaining([late.exceptionId, inTime.exceptionId]));
  });
});

describe('exportExceptions filters', () => {
  test('change reference, opened period and requester narrow the export', async () => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const requester = await createUser({ name: `Quinn Requester ${Date.now()}` });
    const change = await createChangeRow({ teamId: team.id, authorId: engineer.id, serviceIds: [service.id] });
    const entry = (requestedById: string, openedAt: Date) => db.policyException.create({ data: { kind: 'other', requestedById, changeRequestId: change.id, justification: 'x', openedAt }, select: { id: true } });
    const inside = await entry(requester.id, aug(20));
    const otherPerson = await entry(engineer.id, aug(20));
    const outside = await entry(requester.id, new Date('2019-10-02T12:00:00Z'));

    const { items } = await exportExceptions({ filter: { changeNumber: change.number, from: '2019-08-01', to: '2019-09-30', requestedBy: requester.email.toUpperCase() }, at: AT, timeZone: 'UTC' });
    expect(items.map((item) => item.id)).toEqual([inside.id]);
    const all = await exportExceptions({ filter: { changeNumber: change.number }, at: AT, timeZone: 'UTC' });
    expect(all.items.map((item) => item.id).sort()).toEqual([inside.id, otherPerson.id, outside.id].sort());
  });
});
