// Feature flag TTL and staleness — POL-012 CTRL-012.4. Pure.
// When a flag's time is up, whether it is stale now, and the stale-flag KPI's target.
import type { FlagType } from '@/lib/policy/flag-naming';

const DAY_MS = 86_400_000;

/** The KPI target: fewer than 5 stale flags. */
export const STALE_FLAG_TARGET = 5;

export type FlagTtlRules = {
  /** Days a release flag lives after it first reached 100 % rollout. */
  releaseFlagTtlDays: number;
  /** Days an experiment flag lives after its creation. */
  experimentFlagTtlDays: number;
};

export type FlagLifetimeFacts = {
  type: FlagType;
  status: 'active' | 'archived';
  createdAt: Date;
  /** When rollout first reached 100 %; null while it never has. */
  fullRolloutAt: Date | null;
  /** An explicit expiry: set when the monthly audit extended the flag (with a reason). */
  expiresAt: Date | null;
};

export type FlagState = 'active' | 'stale' | 'archived';

/**
 * When the flag's time is up, or null when it has none. An explicit expiry (an extension) wins over
 * the type's rule.
 * Assumption: ops and permission flags are long-lived (kill switches, entitlements): they never expire
 * by rule, only by an explicit expiry. A release flag that never reached 100 % is still rolling out
 * and has no TTL yet. TTL days are whole 24-hour days from the instant that started them.
 */
export function flagExpiry(flag: FlagLifetimeFacts, rules: FlagTtlRules): Date | null {
  if (flag.expiresAt) return flag.expiresAt;
  switch (flag.type) {
    case 'release':
      return flag.fullRolloutAt ? new Date(flag.fullRolloutAt.getTime() + rules.releaseFlagTtlDays * DAY_MS) : null;
    case 'experiment':
      return new Date(flag.createdAt.getTime() + rules.experimentFlagTtlDays * DAY_MS);
    case 'ops':
    case 'permission':
      return null;
  }
}

/** Archived, stale (past its expiry at `at`, expiry itself included), or active. */
export function flagState(flag: FlagLifetimeFacts, rules: FlagTtlRules, at: Date): FlagState {
  if (flag.status === 'archived') return 'archived';
  const expiry = flagExpiry(flag, rules);
  return expiry && expiry.getTime() <= at.getTime() ? 'stale' : 'active';
}

/** Whole days a stale flag has been past its expiry (0 on the day it expired); null when not stale. */
export function daysStale(flag: FlagLifetimeFacts, rules: FlagTtlRules, at: Date): number | null {
  if (flagState(flag, rules, at) !== 'stale') return null;
  return Math.floor((at.getTime() - flagExpiry(flag, rules)!.getTime()) / DAY_MS);
}

export function isStaleCountMet(staleCount: number): boolean {
  return staleCount < STALE_FLAG_TARGET;
}
