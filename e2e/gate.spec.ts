// The deploy gate as a pipeline calls it: previews at fixed instants keep the answers independent of
// the day the suite runs.
import { expect, test } from '@playwright/test';
import { db } from './fixtures';
import { serviceToken } from './api-fixtures';

test.describe('[GATE] POST /api/v1/gate/check', () => {
  test('answers allow or deny with every reason, records each check, and refuses a missing token', async ({ request }) => {
    const pipeline = await serviceToken(['gate:check']);
    const change = await db.changeRequest.findFirstOrThrow({ where: { title: { startsWith: 'Enable new checkout flow' }, status: 'approved' }, select: { id: true } });
    const check = (data: Record<string, unknown>) => request.post('/api/v1/gate/check', { headers: pipeline.headers, data: { changeId: change.id, environment: 'production', ...data } });

    const tuesday = await check({ at: '2026-12-01T10:00:00Z' });
    expect(tuesday.status()).toBe(200);
    expect(await tuesday.json()).toMatchObject({ decision: 'allow', reasons: [], preview: true, nextAllowedAt: null });

    const friday = await check({ at: '2026-12-04T16:00:00Z' });
    const denied = await friday.json();
    expect(friday.status()).toBe(200);
    expect(denied).toMatchObject({ decision: 'deny', preview: true, nextAllowedAt: '2026-12-07T09:00:00.000Z' });
    expect(denied.reasons).toEqual([expect.objectContaining({ control: 'CTRL-012.2', code: 'WEEKLY_WINDOW' })]);

    const real = await check({});
    expect(real.status()).toBe(200);
    const decision = await real.json();
    expect(decision.preview).toBe(false);
    const stored = await db.gateDecision.findUniqueOrThrow({ where: { id: decision.id }, select: { result: true, isPreview: true, changeRequestId: true, tokenId: true } });
    expect(stored).toEqual({ result: decision.decision, isPreview: false, changeRequestId: change.id, tokenId: pipeline.tokenId });
    expect(await db.auditEvent.count({ where: { action: 'gate.checked', entityId: decision.id } })).toBe(1);

    const unknown = await check({ changeId: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.status()).toBe(404);
    expect(await unknown.json()).toMatchObject({ decision: 'deny', reasons: [{ code: 'UNKNOWN_CHANGE' }] });

    const anonymous = await request.post('/api/v1/gate/check', { data: { changeId: change.id, environment: 'production' } });
    expect(anonymous.status()).toBe(401);
  });
});
