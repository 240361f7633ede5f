import { db } from '@/lib/server/db';
import { hashTokenSecret } from '@/lib/server/api-tokens/token-secret';
import type { Actor } from '@/lib/policy/permissions';

export type ApiCaller = {
  tokenId: string;
  kind: 'personal' | 'service';
  scopes: string[];
  /** The owner acting through a personal token; null for service tokens. */
  actor: Actor | null;
};

// Writing last-used on every call would add a write per request; minute precision is enough.
const LAST_USED_PRECISION_MS = 60_000;

/** The caller behind a bearer secret, or null when it is unknown, revoked, expired or its owner is disabled. */
export async function authenticateApiToken(secret: string, at: Date): Promise<ApiCaller | null> {
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    select: {
      id: true, kind: true, scopes: true, revokedAt: true, expiresAt: true, lastUsedAt: true,
      owner: { select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } },
    },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= at)) return null;
  if (token.kind === 'personal' && !token.owner?.isActive) return null;
  if (!token.lastUsedAt || at.getTime() - token.lastUsedAt.getTime() > LAST_USED_PRECISION_MS) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: at }, select: { id: true } });
  }
  return {
    tokenId: token.id,
    kind: token.kind,
    scopes: token.scopes,
    actor: token.kind === 'personal' && token.owner ? { ...token.owner, tokenId: token.id } : null,
  };
}
