import { notFound } from 'next/navigation';
import { z } from 'zod';
import type { Actor } from '@/lib/policy/permissions';
import { DomainError } from '@/lib/server/errors';
import { getFlag } from '@/lib/server/flags/queries';

/** The flag of the route, or the 404 page (a malformed id names no flag). */
export async function findFlag(viewer: Actor, flagId: string, at: Date) {
  if (!z.uuid().safeParse(flagId).success) notFound();
  try {
    return await getFlag(viewer, flagId, at);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}
