import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { authenticateApiToken } from '@/lib/server/api-tokens/authenticate-api-token';
import { createUser } from '@/prisma/factories';

const ROOT = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs `npm run token -- …` the way a person would (through tsx, with this test's database). */
function tokenCommand(args: string[]) {
  return run(path.join(ROOT, 'node_modules/.bin/tsx'), ['lib/cli/token.ts', ...args], { cwd: ROOT, env: process.env });
}

afterAll(() => db.$disconnect());

describe('npm run token', () => {
  test('create prints a working personal token of that user, stored only as a hash', async () => {
    const user = await createUser();
    const { stdout, stderr } = await tokenCommand(['create', '--email', user.email, '--name', 'laptop']);

    const secret = stdout.trim();
    expect(secret).toMatch(/^cbt_[A-Za-z0-9_-]{43}$/);
    expect(stderr).toContain('shown only once');
    const caller = await authenticateApiToken(secret, new Date());
    expect(caller).toMatchObject({ kind: 'personal', actor: { id: user.id } });
    const row = await db.apiToken.findFirstOrThrow({ where: { ownerId: user.id }, select: { name: true, prefix: true } });
    expect(row).toEqual({ name: 'laptop', prefix: secret.slice(0, 12) });
  });

  test('service tokens need an admin and known scopes', async () => {
    const engineer = await createUser();
    const admin = await createUser({ role: 'admin' });

    await expect(tokenCommand(['create', '--service', '--email', engineer.email, '--scopes', 'gate:check', '--name', 'ci'])).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('Only admins create service tokens.') });
    await expect(tokenCommand(['create', '--service', '--email', admin.email, '--scopes', 'gate:check,root', '--name', 'ci'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown: root') });
    const { stdout } = await tokenCommand(['create', '--service', '--email', admin.email, '--scopes', 'gate:check,deployments:write', '--name', 'ci']);
    expect(await authenticateApiToken(stdout.trim(), new Date())).toMatchObject({ kind: 'service', actor: null, scopes: ['deployments:write', 'gate:check'] });
  });

  test('bad usage exits 2 with the usage text and creates nothing', async () => {
    const before = await db.apiToken.count();
    await expect(tokenCommand(['create', '--email', 'nobody@changeboard.test'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('No user with email') });
    await expect(tokenCommand(['revoke', '--id', 'not-a-uuid', '--email', 'x@y.z'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage:') });
    expect(await db.apiToken.count()).toBe(before);
  });
});
