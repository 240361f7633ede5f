import { db } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';

type EndAuthSessionInput = { sessionId: string; userId: string; at: Date };

/** Revokes the session row, so the cookie stops working everywhere it was copied to. */
export async function endAuthSession({ sessionId, userId, at }: EndAuthSessionInput): Promise<void> {
  await db.$transaction(async (tx) => {
    const { count } = await tx.authSession.updateMany({ where: { id: sessionId, userId, revokedAt: null }, data: { revokedAt: at } });
    if (count === 1) {
      await appendAudit(tx, { action: 'user.signed-out', entityType: 'user', entityId: userId, actor: { id: userId }, at, changeSet: { sessionId } });
    }
  });
}
