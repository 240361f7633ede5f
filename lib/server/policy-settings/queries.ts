import { cache } from 'react';
import { db, type Tx } from '@/lib/server/db';
import { ZClassScopeRules, ZWeeklyWindows } from '@/lib/policy/policy-settings';

/** The policy settings in force: the highest version (version 1 is created by the migrations). */
export async function policySettingsInForce(client: Tx = db) {
  const row = await client.policySettings.findFirstOrThrow({
    orderBy: { version: 'desc' },
    select: {
      version: true, timeZone: true, weeklyWindows: true, classScopeRules: true, releaseFlagTtlDays: true, experimentFlagTtlDays: true,
      emergencyReviewHours: true, overrideMaxHours: true, gateAllowValidMinutes: true, createdAt: true, note: true,
    },
  });
  // Stored JSON is parsed on the way out, so a malformed row fails loudly instead of deciding wrongly.
  return { ...row, weeklyWindows: ZWeeklyWindows.parse(row.weeklyWindows), classScopeRules: ZClassScopeRules.parse(row.classScopeRules) };
}

export type PolicySettings = Awaited<ReturnType<typeof policySettingsInForce>>;

/** Once per request in pages. */
export const currentPolicySettings = cache(() => policySettingsInForce());

/** Every published version, newest first: when, by whom and why (the history on the policy page). */
export async function listPolicyVersions(client: Tx = db, take = 100) {
  return client.policySettings.findMany({
    orderBy: { version: 'desc' },
    take,
    select: { version: true, createdAt: true, note: true, createdBy: { select: { name: true, email: true } } },
  });
}
