import { db } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { newTokenSecret } from '@/lib/server/api-tokens/token-secret';
import { canManageOwnTokens, canManageServiceTokens, type Actor } from '@/lib/policy/permissions';
import type { ApiScope } from '@/lib/policy/api-scopes';

export type CreateApiTokenInput = {
  actor: Actor;
  at: Date;
  name: string;
  lifetimeDays?: number;
} & ({ kind: 'personal' } | { kind: 'service'; scopes: ApiScope[] });

export type CreatedApiToken = { id: string; secret: string; prefix: string; expiresAt: Date | null };

/** Mints a token; the secret is returned once and never stored. */
export async function createApiToken(input: CreateApiTokenInput): Promise<CreatedApiToken> {
  const { actor, at, name, lifetimeDays } = input;
  const allowed = input.kind === 'service' ? canManageServiceTokens(actor) : canManageOwnTokens(actor);
  if (!allowed) {
    await recordDeniedAttempt({ action: 'api-token.create-denied', entityType: 'api-token', actor, at, changeSet: { kind: input.kind } });
    throw new DomainError('FORBIDDEN', input.kind === 'service' ? 'Only admins create service tokens.' : 'You cannot create tokens.');
  }
  const { secret, hash, prefix } = newTokenSecret();
  const expiresAt = lifetimeDays ? new Date(at.getTime() + lifetimeDays * 86_400_000) : null;
  const scopes = input.kind === 'service' ? [...new Set(input.scopes)].sort() : [];
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.create({
      data: { name, kind: input.kind, tokenHash: hash, prefix, ownerId: input.kind === 'personal' ? actor.id : null, scopes, createdById: actor.id, createdAt: at, expiresAt },
      select: { id: true },
    });
    await appendAudit(tx, { action: 'api-token.created', entityType: 'api-token', entityId: token.id, actor, at, changeSet: { name, kind: input.kind, scopes, prefix, expiresAt: expiresAt?.toISOString() ?? null } });
    return { id: token.id, secret, prefix, expiresAt };
  });
}
