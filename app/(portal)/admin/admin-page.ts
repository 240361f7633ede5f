// Every administration page checks for itself (a layout check would protect nothing beneath it).
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser, type SessionUser } from '@/lib/auth/session-user';
import { canAdminister } from '@/lib/policy/permissions';

/** The signed-in administrator; anyone else gets a 404, so the area does not reveal itself. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!canAdminister(user)) notFound();
  return user;
}

/** The record named in the URL, or a 404 for a malformed or unknown id. */
export async function findOrNotFound<T>(id: string, find: (id: string) => Promise<T | null>): Promise<T> {
  const row = z.uuid().safeParse(id).success ? await find(id) : null;
  if (!row) notFound();
  return row;
}
