import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';
import { authenticateApiToken } from '@/lib/server/api-tokens/authenticate-api-token';
import { hashTokenSecret } from '@/lib/server/api-tokens/token-secret';
import { listAllTokens, listOwnTokens } from '@/lib/server/api-tokens/queries';
import { tokenHasScope } from '@/lib/policy/api-scopes';
import { createUser } from '@/prisma/factories';

const AT = new Date('2026-11-24T10:00:00.000Z');
const DAY_MS = 86_400_000;

afterAll(() => db.$disconnect());

function tokenEvents(tokenId: string) {
  return db.auditEvent.findMany({ where: { entityType: 'api-token', entityId: tokenId }, orderBy: { seq: 'asc' }, select: { action: true, actorId: true, changeSet: true } });
}

describe('API tokens', () => {
  test('creating stores only the hash: the secret is in no column and in no audit event', async () => {
    const user = await createUser();

    const created = await createApiToken({ actor: user, at: AT, name: 'laptop', kind: 'personal' });

    const [row] = await db.$queryRaw<{ json: string }[]>`SELECT row_to_json(t)::text AS json FROM api_token t WHERE id = ${created.id}::uuid`;
    expect(row!.json).not.toContain(created.secret);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: created.id }, select: { tokenHash: true, prefix: true, ownerId: true, kind: true, scopes: true } });
    expect(stored).toEqual({ tokenHash: hashTokenSecret(created.secret), prefix: created.secret.slice(0, 12), ownerId: user.id, kind: 'personal', scopes: [] });
    const events = await tokenEvents(created.id);
    expect(events.map((event) => event.action)).toEqual(['api-token.created']);
    expect(JSON.stringify(events)).not.toContain(created.secret);
  });

  test('a token is revoked once; revoking again is a CONFLICT', async () => {
    const user = await createUser();
    const { id } = await createApiToken({ actor: user, at: AT, name: 'ci', kind: 'personal' });

    await revokeApiToken({ actor: user, at: AT, tokenId: id });
    await expect(revokeApiToken({ actor: user, at: AT, tokenId: id })).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(await db.apiToken.findUniqueOrThrow({ where: { id }, select: { revokedAt: true } })).toEqual({ revokedAt: AT });
    expect((await tokenEvents(id)).map((event) => event.action)).toEqual(['api-token.created', 'api-token.revoked']);
  });

  test("another user's token looks missing to a non-admin, stays active, and the attempt is audited", async () => {
    const owner = await createUser();
    const intruder = await createUser({ role: 'manager' });
    const { id, secret } = await createApiToken({ actor: owner, at: AT, name: 'mine', kind: 'personal' });

    await expect(revokeApiToken({ actor: intruder, at: AT, tokenId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });

    expect(await authenticateApiToken(secret, AT)).toMatchObject({ tokenId: id });
    expect((await tokenEvents(id)).map((event) => [event.action, event.actorId])).toEqual([['api-token.created', owner.id], ['api-token.revoke-denied', intruder.id]]);
  });

  test("an admin revokes anyone's token", async () => {
    const owner = await createUser();
    const admin = await createUser({ role: 'admin' });
    const { id, secret } = await createApiToken({ actor: owner, at: AT, name: 'stolen laptop', kind: 'personal' });

    await revokeApiToken({ actor: admin, at: AT, tokenId: id });

    expect(await authenticateApiToken(secret, AT)).toBeNull();
  });

  test('authentication refuses revoked tokens, expired tokens and tokens of disabled owners', async () => {
    const user = await createUser();
    const revoked = await createApiToken({ actor: user, at: AT, name: 'revoked', kind: 'personal' });
    const expiring = await createApiToken({ actor: user, at: AT, name: 'one day', kind: 'personal', lifetimeDays: 1 });
    await revokeApiToken({ actor: user, at: AT, tokenId: revoked.id });

    expect(await authenticateApiToken(revoked.secret, AT)).toBeNull();
    expect(await authenticateApiToken(expiring.secret, new Date(AT.getTime() + DAY_MS - 1))).toMatchObject({ tokenId: expiring.id, actor: { id: user.id } });
    expect(await authenticateApiToken(expiring.secret, new Date(AT.getTime() + DAY_MS))).toBeNull();
    expect(await authenticateApiToken('cbt_not-a-real-token', AT)).toBeNull();

    const owner = await createUser();
    const { secret } = await createApiToken({ actor: owner, at: AT, name: 'soon disabled', kind: 'personal' });
    expect(await authenticateApiToken(secret, AT)).not.toBeNull();
    await db.user.update({ where: { id: owner.id }, data: { isActive: false } });
    expect(await authenticateApiToken(secret, AT)).toBeNull();
  });

  test('a service token has exactly its scopes and acts as no one; only admins mint one', async () => {
    const admin = await createUser({ role: 'admin' });
    const engineer = await createUser();

    const { secret } = await createApiToken({ actor: admin, at: AT, name: 'deploy pipeline', kind: 'service', scopes: ['gate:check'] });
    const caller = await authenticateApiToken(secret, AT);

    expect(caller).toMatchObject({ kind: 'service', scopes: ['gate:check'], actor: null });
    expect(tokenHasScope(caller!, 'gate:check')).toBe(true);
    expect(tokenHasScope(caller!, 'changes:read')).toBe(false);
    await expect(createApiToken({ actor: engineer, at: AT, name: 'sneaky', kind: 'service', scopes: ['audit:read'] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db.auditEvent.count({ where: { action: 'api-token.create-denied', actorId: engineer.id } })).toBe(1);
    expect(await db.apiToken.count({ where: { name: 'sneaky', createdById: engineer.id } })).toBe(0);
  });

  test('lists: a user sees only their own tokens, with status as of the given time; admins see all', async () => {
    const [user, other, admin] = [await createUser(), await createUser(), await createUser({ role: 'admin' })];
    const active = await createApiToken({ actor: user, at: AT, name: 'active', kind: 'personal' });
    const expiring = await createApiToken({ actor: user, at: AT, name: 'expiring', kind: 'personal', lifetimeDays: 1 });
    const revoked = await createApiToken({ actor: user, at: AT, name: 'revoked', kind: 'personal' });
    await revokeApiToken({ actor: user, at: AT, tokenId: revoked.id });
    const othersToken = await createApiToken({ actor: other, at: AT, name: 'not yours', kind: 'personal' });
    const service = await createApiToken({ actor: admin, at: AT, name: 'pipeline', kind: 'service', scopes: ['gate:check'] });

    const own = await listOwnTokens(user.id, new Date(AT.getTime() + 2 * DAY_MS));

    expect(Object.fromEntries(own.map((token) => [token.id, token.status]))).toEqual({ [active.id]: 'active', [expiring.id]: 'expired', [revoked.id]: 'revoked' });
    const all = new Set((await listAllTokens(AT)).map((token) => token.id));
    expect([active.id, othersToken.id, service.id].every((id) => all.has(id))).toBe(true);
  });
});
