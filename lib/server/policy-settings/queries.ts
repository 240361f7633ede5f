import { cache } from 'react';
import { db } from '@/lib/server/db';

/** The policy settings in force: the highest version (version 1 is created by the migrations). */
export const currentPolicySettings = cache(async () => {
  return db.policySettings.findFirstOrThrow({
    orderBy: { version: 'desc' },
    select: {
      version: true, timeZone: true, weeklyWindows: true, classScopeRules: true, releaseFlagTtlDays: true,
      emergencyReviewHours: true, overrideMaxHours: true, gateAllowValidMinutes: true, createdAt: true, note: true,
    },
  });
});
