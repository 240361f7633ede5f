'use server';

import { signOut } from '@/lib/auth/auth';
import { currentUser } from '@/lib/auth/session-user';
import { endAuthSession } from '@/lib/server/auth/end-auth-session';

export async function signOutAction(): Promise<void> {
  const user = await currentUser();
  if (user) await endAuthSession({ sessionId: user.sessionId, userId: user.id, at: new Date() });
  await signOut({ redirectTo: '/login' });
}
