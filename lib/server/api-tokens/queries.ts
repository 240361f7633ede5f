import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';

export type TokenStatus = 'active' | 'expired' | 'revoked';

const TOKEN_SELECT = {
  id: true, name: true, kind: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true,
  owner: { select: { name: true, email: true } },
} satisfies Prisma.ApiTokenSelect;

type TokenRow = Prisma.ApiTokenGetPayload<{ select: typeof TOKEN_SELECT }>;

function withStatus(token: TokenRow, at: Date) {
  const status: TokenStatus = token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= at ? 'expired' : 'active';
  return { ...token, status };
}

export type TokenListItem = ReturnType<typeof withStatus>;

/** The personal tokens of one user, newest first; `at` decides which have expired. */
export async function listOwnTokens(ownerId: string, at: Date): Promise<TokenListItem[]> {
  const rows = await db.apiToken.findMany({ where: { ownerId, kind: 'personal' }, orderBy: { createdAt: 'desc' }, select: TOKEN_SELECT });
  return rows.map((row) => withStatus(row, at));
}

/** Every token, personal and service, newest first (administrators only). */
export async function listAllTokens(at: Date): Promise<TokenListItem[]> {
  const rows = await db.apiToken.findMany({ orderBy: { createdAt: 'desc' }, select: TOKEN_SELECT });
  return rows.map((row) => withStatus(row, at));
}
