import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { updateChangeRequest } from '@/lib/server/change-requests/update-change-request';
import { reviewers, submittedChange } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

async function state(changeId: string) {
  return db.changeRequest.findUniqueOrThrow({ where: { id: changeId }, select: { status: true, contentVersion: true, version: true, _count: { select: { approvals: true } } } });
}

const decide = (actor: Awaited<ReturnType<typeof reviewers>>[number], changeId: string, decision: 'approve' | 'reject' = 'approve', contentVersion = 1) =>
  recordApprovalDecision({ actor, at: AT, changeId, contentVersion, decision, comment: 'Looks right.' });

describe('recordApprovalDecision', () => {
  test('a normal change is approved by the second distinct reviewer, each decision audited', async () => {
    const change = await submittedChange('normal');
    const [first, second] = await reviewers(2);

    expect((await decide(first!, change.id)).state).toBe('pending');
    expect((await state(change.id)).status).toBe('submitted');
    expect((await decide(second!, change.id)).state).toBe('approved');

    expect(await state(change.id)).toMatchObject({ status: 'approved', _count: { approvals: 2 } });
    const events = await db.auditEvent.findMany({ where: { entityId: change.id, action: 'change.approved' }, orderBy: { seq: 'asc' }, select: { actorId: true, changeSet: true } });
    expect(events.map((event) => event.actorId)).toEqual([first!.id, second!.id]);
    expect(events[1]!.changeSet).toMatchObject({ status: { old: 'submitted', new: 'approved' }, missing: [] });
  });

  test('the author is refused (403), nothing is recorded and the attempt is audited', async () => {
    const change = await submittedChange('standard');
    await expect(decide(change.author, change.id)).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'Nobody approves a change they authored.' });
    expect(await state(change.id)).toMatchObject({ status: 'submitted', _count: { approvals: 0 } });
    const denied = await db.auditEvent.findFirstOrThrow({ where: { entityId: change.id, action: 'change.approval-denied' }, select: { actorId: true, changeSet: true } });
    expect(denied).toMatchObject({ actorId: change.author.id, changeSet: { reason: 'SELF_APPROVAL' } });
  });

  test('a major change needs Staff+ reviewers and an ADR', async () => {
    const change = await submittedChange('major', { changedPaths: ['infra/cluster.tf'] });
    const [engineer] = await reviewers(1);
    const staff = await reviewers(2, { isStaffPlus: true });
    await expect(decide(engineer!, change.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await decide(staff[0]!, change.id);
    const verdict = await decide(staff[1]!, change.id);
    expect(verdict.state).toBe('pending');
    expect(verdict.missing.map((reason) => reason.message)).toEqual(['Major changes need a link to their ADR.']);
  });

  test('a rejection blocks the change', async () => {
    const change = await submittedChange('normal');
    const [first, second] = await reviewers(2);
    await decide(first!, change.id);
    expect((await decide(second!, change.id, 'reject')).state).toBe('rejected');
    expect((await state(change.id)).status).toBe('rejected');
  });

  test('a decision on a version the reviewer did not see is stale (409) and changes nothing', async () => {
    const change = await submittedChange('standard');
    const [reviewer] = await reviewers(1);
    await expect(decide(reviewer!, change.id, 'approve', 7)).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect(await state(change.id)).toMatchObject({ status: 'submitted', _count: { approvals: 0 } });
  });

  test('race: a double-clicked approve records one approval', async () => {
    const change = await submittedChange('normal');
    const [reviewer] = await reviewers(1);
    const results = await Promise.allSettled([decide(reviewer!, change.id), decide(reviewer!, change.id), decide(reviewer!, change.id)]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(['CONFLICT', 'CONFLICT']);
    expect(await state(change.id)).toMatchObject({ status: 'submitted', _count: { approvals: 1 } });
  });

  test('race: two reviewers approving at the same moment approve the change once, both recorded', async () => {
    const change = await submittedChange('normal');
    const [first, second] = await reviewers(2);
    const verdicts = await Promise.all([decide(first!, change.id), decide(second!, change.id)]);
    expect(verdicts.map((verdict) => verdict.state).sort()).toEqual(['approved', 'pending']);
    expect(await state(change.id)).toMatchObject({ status: 'approved', _count: { approvals: 2 } });
    expect(await db.auditEvent.count({ where: { entityId: change.id, action: 'change.approved' } })).toBe(2);
  });

  test('race: an approval racing a material edit never counts for the new version', async () => {
    const change = await submittedChange('standard');
    const [reviewer] = await reviewers(1);
    const current = await state(change.id);
    const [approval, edit] = await Promise.allSettled([
      decide(reviewer!, change.id),
      updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: current.version, patch: { changedPaths: ['app/new-path.ts'] } }),
    ]);
    // Exactly one wins; the loser is told its view is stale.
    expect([approval.status, edit.status].sort()).toEqual(['fulfilled', 'rejected']);
    const loser = [approval, edit].find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason.code).toBe('STALE_VERSION');
    const after = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true, contentVersion: true, approvals: { select: { contentVersion: true } } } });
    if (edit.status === 'fulfilled') {
      expect(after).toEqual({ status: 'submitted', contentVersion: 2, approvals: [] });
    } else {
      expect(after).toEqual({ status: 'approved', contentVersion: 1, approvals: [{ contentVersion: 1 }] });
    }
  });
});

describe('updateChangeRequest', () => {
  test('a material edit after an approval leaves it on the old version and needs a new one', async () => {
    const change = await submittedChange('standard');
    const [reviewer] = await reviewers(1);
    await decide(reviewer!, change.id);
    expect((await state(change.id)).status).toBe('approved');
    const { version } = await state(change.id);

    const result = await updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: version, patch: { pullRequestUrls: ['https://git.example.com/pr/42'] } });

    expect(result).toEqual({ contentVersion: 2, status: 'submitted', isMaterial: true });
    const approvals = await db.approval.findMany({ where: { changeRequestId: change.id }, select: { contentVersion: true } });
    expect(approvals).toEqual([{ contentVersion: 1 }]);
    const versions = await db.changeRequestVersion.findMany({ where: { changeRequestId: change.id }, orderBy: { contentVersion: 'asc' }, select: { contentVersion: true } });
    expect(versions).toEqual([{ contentVersion: 1 }, { contentVersion: 2 }]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: change.id, action: 'change.edited' }, select: { changeSet: true } });
    expect(event.changeSet).toMatchObject({ material: ['pullRequestUrls'], status: { old: 'approved', new: 'submitted' }, contentVersion: { old: 1, new: 2 } });
  });

  test('a documentation edit keeps the approval', async () => {
    const change = await submittedChange('standard');
    const [reviewer] = await reviewers(1);
    await decide(reviewer!, change.id);
    const { version } = await state(change.id);
    const result = await updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: version, patch: { description: 'Clearer words.', rollbackPlan: 'Revert the PR.' } });
    expect(result).toEqual({ contentVersion: 1, status: 'approved', isMaterial: false });
  });

  test('a stale edit is refused (409) and nothing changes', async () => {
    const change = await submittedChange('standard');
    await expect(updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1, patch: { title: 'Another title here' } })).rejects.toMatchObject({ code: 'STALE_VERSION' });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { title: true } })).title).not.toBe('Another title here');
  });

  test('bad content is refused with field errors and nothing is half-saved', async () => {
    const change = await submittedChange('standard');
    const before = await state(change.id);
    const eventsBefore = await db.auditEvent.count({ where: { entityId: change.id } });
    await expect(
      updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: before.version, patch: { serviceIds: ['00000000-0000-7000-8000-000000000000'], adrUrl: 'https://adr.example.com/1' } }),
    ).rejects.toMatchObject({ code: 'INVALID', fieldErrors: { serviceIds: ['Unknown service.'] } });
    expect(await state(change.id)).toEqual(before);
    expect(await db.auditEvent.count({ where: { entityId: change.id } })).toBe(eventsBefore);
  });

  test('someone else cannot edit (403, audited)', async () => {
    const change = await submittedChange('standard');
    const [other] = await reviewers(1);
    await expect(updateChangeRequest({ actor: other!, at: AT, changeId: change.id, expectedVersion: 2, patch: { title: 'Hijacked title' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { entityId: change.id, action: 'change.edit-denied', actorId: other!.id } })).toBe(1);
  });
});
