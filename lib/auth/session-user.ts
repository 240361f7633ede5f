// Loads the signed-in user from the database on every request: the cookie only names a session row,
// so signing out, disabling or demoting a user takes effect at once.
import { cache } from 'react';
import { redirect } from 'next/navigation';
import { auth } from '@/lib/auth/auth';
import { db } from '@/lib/server/db';
import type { Actor } from '@/lib/policy/permissions';

export type SessionUser = Actor & {
  email: string;
  name: string | null;
  teamName: string | null;
  sessionId: string;
};

export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const sessionId = session?.sessionId;
  if (!sessionId) return null;
  const row = await db.authSession.findFirst({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: new Date() }, user: { isActive: true } },
    select: {
      user: {
        select: { id: true, email: true, name: true, role: true, isStaffPlus: true, isActive: true, teamId: true, team: { select: { name: true } } },
      },
    },
  });
  if (!row) return null;
  const { team, ...user } = row.user;
  return { ...user, teamName: team?.name ?? null, sessionId, tokenId: null };
});

/** For pages and server actions: the signed-in, active user, or a redirect to sign-in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect('/login');
  return user;
}
