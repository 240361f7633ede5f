import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';

type StartAuthSessionInput = { userId: string; method: string; at: Date; maxAgeSeconds: number };

/** Opens a revocable session row for a successful sign-in and audits it. */
export async function startAuthSession({ userId, method, at, maxAgeSeconds }: StartAuthSessionInput): Promise<string> {
  return db.$transaction(async (tx) => {
    const session = await tx.authSession.create({
      data: { userId, createdAt: at, expiresAt: new Date(at.getTime() + maxAgeSeconds * 1000) },
      select: { id: true },
    });
    await appendAudit(tx, { action: 'user.signed-in', entityType: 'user', entityId: userId, actor: { id: userId }, at, changeSet: { method, sessionId: session.id } });
    return session.id;
  });
}
