// Flag and feature rows for tests (CTRL-012.4), written directly: the inventory's use-cases and their
// audit rows are not involved. Keys are unique, so tests never depend on each other.
import { db } from '@/lib/server/db';
import type { FlagType } from '@/lib/policy/flag-naming';
import { uniqueSuffix } from '@/prisma/factories';

const DAY_MS = 86_400_000;

type FlagRowInput = {
  teamId: string;
  ownerId: string;
  type?: FlagType;
  featureId?: string | null;
  rolloutPercent?: number;
  fullRolloutAt?: Date | null;
  expiresAt?: Date | null;
  createdAt?: Date;
  status?: 'active' | 'archived';
  purpose?: string;
};

export async function createFlagRow({ type = 'release', ...input }: FlagRowInput) {
  const team = await db.team.findUniqueOrThrow({ where: { id: input.teamId }, select: { slug: true } });
  return db.featureFlag.create({
    data: { key: `${team.slug}-feature-${uniqueSuffix()}-${type}`, type, purpose: `Purpose ${uniqueSuffix()}`, ...input },
    select: { id: true, key: true, version: true },
  });
}

/** A release flag that reached 100 % `daysAgo` days before `at`: stale at `at` once `daysAgo` ≥ the TTL. */
export function releasedFlagRow(input: Omit<FlagRowInput, 'type' | 'fullRolloutAt' | 'rolloutPercent'>, daysAgo: number, at: Date) {
  const fullRolloutAt = new Date(at.getTime() - daysAgo * DAY_MS);
  return createFlagRow({ ...input, type: 'release', rolloutPercent: 100, fullRolloutAt, createdAt: input.createdAt ?? new Date(fullRolloutAt.getTime() - 7 * DAY_MS) });
}

export async function createFeatureRow(teamId: string, overrides: { name?: string } = {}) {
  const suffix = uniqueSuffix();
  return db.feature.create({ data: { key: `feature-${suffix}`, name: overrides.name ?? `Feature ${suffix}`, teamId }, select: { id: true, key: true, name: true, version: true } });
}
