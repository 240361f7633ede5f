// Monthly stale-flag audit and kill switches — POL-012 CTRL-012.4. Pure.
// Which month an audit covers, who decides a flag's fate, what an extension may ask for, who keeps
// user-facing features, and how many of them have their emergency kill switch.
import type { FlagType } from '@/lib/policy/flag-naming';
import { isReadOnly, type Actor } from '@/lib/policy/permissions';
import { wallTime } from '@/lib/time/zoned';

const DAY_MS = 86_400_000;

/**
 * The longest extension one audit may grant, in days from the decision.
 * Assumption: an extension lasts at most 90 days (about one quarter), so a kept flag comes back to a
 * monthly audit at least once a quarter with a fresh reason instead of being parked for good.
 */
export const MAX_FLAG_EXTENSION_DAYS = 90;

/** An extension needs a sentence, not a word: "still needed" does not say why. */
export const MIN_EXTENSION_REASON_LENGTH = 10;
export const MAX_EXTENSION_REASON_LENGTH = 1000;

export const FLAG_AUDIT_DECISIONS = ['removed', 'extended'] as const;
export type FlagAuditDecision = (typeof FLAG_AUDIT_DECISIONS)[number];

export const FLAG_AUDIT_DECISION_LABEL: Record<FlagAuditDecision | 'pending', string> = { pending: 'Pending', removed: 'Removed', extended: 'Extended' };

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The audited month at an instant: `YYYY-MM` of the local date in the policy's zone. */
export function flagAuditMonth(at: Date, timeZone: string): string {
  return wallTime(at, timeZone).date.slice(0, 7);
}

export function isFlagAuditMonth(value: string): boolean {
  return MONTH.test(value);
}

/** Who stands behind a flag, as the audit rules read it. */
export type FlagOwnership = { ownerId: string; teamId: string };

/**
 * Who decides a flag's audit item: its owner, or a member of the flag's team (its engineers and its
 * manager). Auditors and disabled users only read.
 * Assumption: "manager of the flag's team" is the manager whose team is the flag's team; managers
 * and administrators of other teams read the audit but do not decide for a team they do not run.
 */
export function canDecideFlagAuditItem(actor: Actor, flag: FlagOwnership): boolean {
  if (!actor.isActive || isReadOnly(actor)) return false;
  return actor.id === flag.ownerId || (actor.teamId !== null && actor.teamId === flag.teamId);
}

/** Why an extension to `extendedTo` decided at `at` is refused, or null when it is acceptable. */
export function extensionRefusal(extendedTo: Date, at: Date): string | null {
  if (extendedTo.getTime() <= at.getTime()) return 'Choose a date in the future.';
  if (extendedTo.getTime() > latestExtension(at).getTime()) return `Extend by at most ${MAX_FLAG_EXTENSION_DAYS} days.`;
  return null;
}

/** The furthest date an extension decided at `at` may reach. */
export function latestExtension(at: Date): Date {
  return new Date(at.getTime() + MAX_FLAG_EXTENSION_DAYS * DAY_MS);
}

/** How far a month's audit has come. */
export type FlagAuditProgress = { decided: number; total: number };

/** "7 of 9 decided". */
export function describeFlagAuditProgress({ decided, total }: FlagAuditProgress): string {
  return total === 0 ? 'No stale flags to decide' : `${decided} of ${total} decided`;
}

/**
 * Who records and edits a team's user-facing features: that team's members, and managers and admins
 * (who keep the catalogue of features across teams). Auditors only read.
 */
export function canManageFeature(actor: Actor, feature: { teamId: string }): boolean {
  if (!actor.isActive || isReadOnly(actor)) return false;
  return actor.role === 'manager' || actor.role === 'admin' || (actor.teamId !== null && actor.teamId === feature.teamId);
}

/** A feature's flag as the kill-switch rule reads it. */
export type FeatureFlagFacts = { type: FlagType; status: 'active' | 'archived' };

/** A kill switch is an active ops flag linked to the feature (CTRL-012.4 "Emergency kill switch"). */
export function isKillSwitch(flag: FeatureFlagFacts): boolean {
  return flag.type === 'ops' && flag.status === 'active';
}

export type KillSwitchCoverage = {
  covered: number;
  total: number;
  /** Whole per cent of features with a kill switch (rounded half up); null when there are no features. */
  percent: number | null;
  isComplete: boolean;
};

export function killSwitchCoverageOf(covered: number, total: number): KillSwitchCoverage {
  return { covered, total, percent: total === 0 ? null : Math.round((covered / total) * 100), isComplete: covered === total };
}

/** "12 of 14 features have a kill switch (86 %)". */
export function describeKillSwitchCoverage({ covered, total, percent }: KillSwitchCoverage): string {
  if (total === 0) return 'No user-facing features recorded yet.';
  return `${covered} of ${total} feature${total === 1 ? ' has' : 's have'} a kill switch (${percent} %)`;
}
