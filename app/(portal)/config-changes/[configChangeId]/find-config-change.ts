import { notFound } from 'next/navigation';
import { z } from 'zod';
import type { SessionUser } from '@/lib/auth/session-user';
import { DomainError } from '@/lib/server/errors';
import { getConfigChange, type ConfigChangeView } from '@/lib/server/config-changes/queries';

/** The record of the route's id as `user` sees it, or the not-found page (a malformed id names none). */
export async function findConfigChange(user: SessionUser, configChangeId: string): Promise<ConfigChangeView> {
  if (!z.uuid().safeParse(configChangeId).success) notFound();
  try {
    return await getConfigChange(user, configChangeId.toLowerCase());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
