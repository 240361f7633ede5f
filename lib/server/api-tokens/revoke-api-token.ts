import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { canManageServiceTokens, type Actor } from '@/lib/policy/permissions';

type RevokeApiTokenInput = { actor: Actor; at: Date; tokenId: string };

/** Owners revoke their personal tokens; admins revoke any token. Revoking twice is a conflict. */
export async function revokeApiToken({ actor, at, tokenId }: RevokeApiTokenInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId }, select: { id: true, ownerId: true, revokedAt: true, name: true } });
    const isOwner = token?.ownerId === actor.id;
    if (!token || (!isOwner && !canManageServiceTokens(actor))) {
      if (token) await recordDeniedAttempt({ action: 'api-token.revoke-denied', entityType: 'api-token', entityId: tokenId, actor, at });
      throw new DomainError('NOT_FOUND', 'No such token.');
    }
    const { count } = await tx.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: at } });
    if (count !== 1) throw new DomainError('CONFLICT', 'This token is already revoked.');
    await appendAudit(tx, { action: 'api-token.revoked', entityType: 'api-token', entityId: tokenId, actor, at, changeSet: { name: token.name } });
  });
}
