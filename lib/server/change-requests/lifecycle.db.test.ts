import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';
import { cancelChangeRequest } from '@/lib/server/change-requests/cancel-change-request';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { createTeamWithEngineer, draftFor } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

async function draft(changeClass: 'standard' | 'normal' | 'emergency' | 'major', overrides = {}) {
  const { team, service, engineer } = await createTeamWithEngineer();
  const { id } = await createChangeRequest({ actor: engineer, at: AT, content: draftFor(team.id, [service.id], changeClass, overrides) });
  return { id, author: engineer };
}

describe('submitChangeRequest', () => {
  test('submits a draft with the scope verdict and policy version in its audit event', async () => {
    const change = await draft('normal', { changedPaths: ['prisma/migrations/2026/migration.sql'] });
    expect(await submitChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1 })).toEqual({ status: 'submitted' });
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: change.id, action: 'change.submitted' }, select: { changeSet: true } });
    // Other test files publish policy versions too: the event names whichever is in force.
    const { version } = await policySettingsInForce();
    expect(event.changeSet).toMatchObject({ status: { old: 'draft', new: 'submitted' }, policyVersion: version, scope: { minimumClass: 'normal' } });
  });

  test('a class below its scope is refused (422) with the rule that raised it, and stays a draft', async () => {
    const change = await draft('standard', { changedPaths: ['infra/network/main.tf'] });
    await expect(submitChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1 })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringContaining('infra/network/main.tf matches path rule "infra/**": at least major.'),
    });
    expect((await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true } })).status).toBe('draft');
  });

  test('an emergency label satisfies any scope and opens its exception-log entry', async () => {
    const change = await draft('emergency', { changedPaths: ['infra/hotfix.tf'] });
    await submitChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1 });
    const exception = await db.policyException.findFirstOrThrow({ where: { changeRequestId: change.id }, select: { kind: true, status: true, deadlineAt: true, requestedById: true } });
    expect(exception).toEqual({ kind: 'emergency_change', status: 'open', deadlineAt: null, requestedById: change.author.id });
  });

  test('race: a submit racing a cancel ends in exactly one of them', async () => {
    const change = await draft('standard');
    const results = await Promise.allSettled([
      submitChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1 }),
      cancelChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1, reason: 'Not needed' }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((result) => result.status === 'rejected') as PromiseRejectedResult).reason.code).toBe('STALE_VERSION');
    const { status } = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { status: true } });
    expect(['submitted', 'cancelled']).toContain(status);
    expect(await db.auditEvent.count({ where: { entityId: change.id, action: { in: ['change.submitted', 'change.cancelled'] } } })).toBe(1);
  });

  test('submitting twice is a conflict', async () => {
    const change = await draft('standard');
    await submitChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 1 });
    await expect(submitChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: 2 })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
