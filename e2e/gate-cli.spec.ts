// The gate command as a pipeline in another repository runs it: downloaded from the portal, run with
// plain node against the portal, judged by its exit code. Previews at fixed instants keep the answers
// independent of the day the suite runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { changeReference } from '@/lib/policy/change-class';
import { runNodeScript } from '@/lib/testing/run-node-script';
import { db } from './fixtures';
import { personalToken } from './api-fixtures';

function runGate(file: string, args: string[], env: Record<string, string>) {
  return runNodeScript(file, args, { PATH: process.env.PATH ?? '', ...env });
}

test.describe('[GATE] the gate command for pipelines', () => {
  let folder: string;
  test.beforeAll(async () => { folder = await mkdtemp(path.join(tmpdir(), 'changeboard-gate-')); });
  test.afterAll(async () => { await rm(folder, { recursive: true, force: true }); });

  test('downloaded from the portal, it exits 0 on allow, 1 on deny and 2 when it cannot decide', async ({ request, baseURL }) => {
    const download = await request.get('/cli/changeboard-gate.mjs');
    expect(download.status()).toBe(200);
    const file = path.join(folder, 'changeboard-gate.mjs');
    await writeFile(file, await download.body());

    const engineer = await personalToken('engineer1@changeboard.test');
    const env = { CHANGEBOARD_URL: baseURL!, CHANGEBOARD_TOKEN: engineer.headers.Authorization!.replace('Bearer ', '') };
    const change = await db.changeRequest.findFirstOrThrow({ where: { title: { startsWith: 'Enable new checkout flow' }, status: 'approved' }, select: { id: true, number: true } });
    const check = (args: string[], overrides: Record<string, string> = {}) => runGate(file, ['check', '--env', 'production', ...args], { ...env, ...overrides });

    // A Tuesday morning: allowed. Named by its reference, which the command looks up.
    const tuesday = await check(['--change', changeReference(change.number), '--at', '2026-12-01T10:00:00Z']);
    expect(tuesday.code, tuesday.stderr).toBe(0);
    expect(tuesday.stdout).toContain('Changeboard gate: ALLOW (preview: authorizes no deploy)');

    // A Friday afternoon: the weekend window holds it, with the control and the next opening.
    const friday = await check(['--change', change.id, '--at', '2026-12-04T16:00:00Z']);
    expect(friday.code, friday.stderr).toBe(1);
    expect(friday.stdout).toContain('CTRL-012.2 WEEKLY_WINDOW: Weekly freeze');
    expect(friday.stdout).toContain('Next allowed: 2026-12-07T09:00:00.000Z');

    // A real check now: recorded and audited; the exit code follows the decision whatever the day.
    const now = await check(['--change', change.id, '--json']);
    const answer = JSON.parse(now.stdout) as { id: string; decision: 'allow' | 'deny'; changeId: string };
    expect(now.code).toBe(answer.decision === 'allow' ? 0 : 1);
    expect(answer.changeId).toBe(change.id);
    expect(now.stderr).toContain(`Decision id: ${answer.id}`);
    expect(await db.gateDecision.findUniqueOrThrow({ where: { id: answer.id }, select: { result: true, isPreview: true, tokenId: true } })).toEqual({ result: answer.decision, isPreview: false, tokenId: engineer.tokenId });
    expect(await db.auditEvent.count({ where: { action: 'gate.checked', entityId: answer.id } })).toBe(1);

    // An unknown environment is a deny from the gate itself.
    const unknown = await runGate(file, ['check', '--change', change.id, '--env', 'no-such-environment'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toContain('UNKNOWN_ENVIRONMENT');

    // Cannot decide: a bad token (401), then bad arguments.
    const revoked = await check(['--change', change.id], { CHANGEBOARD_TOKEN: 'cb_not_a_real_token' });
    expect(revoked.code).toBe(2);
    expect(revoked.stderr).toContain('HTTP 401');
    const badInstant = await check(['--change', change.id, '--at', 'next friday']);
    expect(badInstant.code).toBe(2);
  });
});
