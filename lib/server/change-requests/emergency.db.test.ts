import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { completeEmergencyRecord } from '@/lib/server/change-requests/complete-emergency-record';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { updateChangeRequest } from '@/lib/server/change-requests/update-change-request';
import { listEmergencyAttention } from '@/lib/server/change-requests/emergency-attention';
import { listChangeEvents } from '@/lib/server/audit-events/queries';
import { reviewers, submittedChange } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');

afterAll(() => db.$disconnect());

describe('emergency exception path', () => {
  test('one approval lets it deploy; the exception settles once the record is complete and a second person approved', async () => {
    const change = await submittedChange('emergency', { pullRequestUrls: ['https://git.example.com/pr/1'], changedPaths: ['src/cart.ts'] });
    const [first, second] = await reviewers(2);
    const exception = () => db.policyException.findFirstOrThrow({ where: { changeRequestId: change.id }, select: { status: true, documentedAt: true } });

    expect((await recordApprovalDecision({ actor: first!, at: AT, changeId: change.id, contentVersion: 1, decision: 'approve', comment: '' })).state).toBe('approved');

    await expect(completeEmergencyRecord({ actor: change.author, at: AT, changeId: change.id })).rejects.toMatchObject({ code: 'INVALID', message: expect.stringContaining('Write the rollback plan.') });
    expect(await exception()).toEqual({ status: 'open', documentedAt: null });

    const { version } = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { version: true } });
    await updateChangeRequest({ actor: change.author, at: AT, changeId: change.id, expectedVersion: version, patch: { rollbackPlan: 'Revert the PR; the cache is rebuilt on start.' } });
    await completeEmergencyRecord({ actor: change.author, at: AT, changeId: change.id });
    expect(await exception()).toEqual({ status: 'open', documentedAt: AT });
    await expect(completeEmergencyRecord({ actor: change.author, at: AT, changeId: change.id })).rejects.toMatchObject({ code: 'CONFLICT' });

    await recordApprovalDecision({ actor: second!, at: AT, changeId: change.id, contentVersion: 1, decision: 'approve', comment: 'Retroactive review.' });
    expect((await exception()).status).toBe('documented');
    // The change's timeline gathers the exception entry's events with the change's own.
    const actions = await listChangeEvents(change.id);
    expect(actions.map((event) => event.action)).toEqual(['change.created', 'change.submitted', 'change.approved', 'change.edited', 'exception.record-completed', 'change.approved', 'exception.documented']);
  });

  test('only the authors complete the record', async () => {
    const change = await submittedChange('emergency');
    const [other] = await reviewers(1);
    await expect(completeEmergencyRecord({ actor: other!, at: AT, changeId: change.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('listEmergencyAttention', () => {
  test('lists open emergency exceptions with their state, overdue first', async () => {
    const waiting = await submittedChange('emergency');
    const overdue = await submittedChange('emergency');
    const now = new Date();
    // The deploy recording of CTRL-012.2 sets this; here the clock start is what is under test.
    await db.changeRequest.update({ where: { id: overdue.id }, data: { firstProductionDeployAt: new Date(now.getTime() - 30 * 3_600_000) } });

    const items = await listEmergencyAttention(now);
    const mine = items.filter((item) => [waiting.id, overdue.id].includes(item.changeId));
    expect(mine.map((item) => [item.changeId, item.review.state])).toEqual([[overdue.id, 'overdue'], [waiting.id, 'not-started']]);
    expect(items.findIndex((item) => item.changeId === overdue.id)).toBeLessThan(items.findIndex((item) => item.changeId === waiting.id));
  });
});
