// Bearer tokens for API tests, minted through the same use-case as the UI for the demo users.
import { randomUUID } from 'node:crypto';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import type { ApiScope } from '@/lib/policy/api-scopes';
import { db } from './fixtures';

export type Headers = Record<string, string>;

const ACTOR_SELECT = { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } as const;

/** A personal token of a demo user: it acts as them. */
export async function personalToken(email: string) {
  const user = await db.user.findUniqueOrThrow({ where: { email }, select: ACTOR_SELECT });
  const token = await createApiToken({ actor: user, at: new Date(), name: `e2e ${randomUUID().slice(0, 8)}`, kind: 'personal' });
  return { user, tokenId: token.id, headers: { Authorization: `Bearer ${token.secret}` } as Headers };
}

/** A service token with scopes, minted by the demo admin: it acts for no person. */
export async function serviceToken(scopes: ApiScope[]) {
  const admin = await db.user.findUniqueOrThrow({ where: { email: 'admin@changeboard.test' }, select: ACTOR_SELECT });
  const token = await createApiToken({ actor: admin, at: new Date(), name: `e2e pipeline ${randomUUID().slice(0, 8)}`, kind: 'service', scopes });
  return { tokenId: token.id, headers: { Authorization: `Bearer ${token.secret}` } as Headers };
}

