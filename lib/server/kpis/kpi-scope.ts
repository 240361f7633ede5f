// What one KPI reading is about: the period as instants and buckets in the policy zone, the filters
// resolved to ids, the policy settings in force and the instant of evaluation.
import { db } from '@/lib/server/db';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import type { ChangeClass } from '@/lib/policy/change-class';
import { parseKpiQuery, type KpiQuery } from '@/lib/schemas/kpi-query';
import { localCalendarDate, nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';
import { periodBuckets, type PeriodBucket } from '@/lib/time/periods';

export type KpiScope = {
  query: KpiQuery;
  /** The instant of evaluation: "now" for stale flags and for emergency approvals that never came. */
  at: Date;
  /** The period, half-open [start, end): local midnights in the policy zone. */
  start: Date;
  end: Date;
  buckets: PeriodBucket[];
  team: { id: string; slug: string; name: string } | null;
  service: { id: string; slug: string; name: string } | null;
  changeClass: ChangeClass | null;
  policy: { version: number; timeZone: string; emergencyReviewHours: number; releaseFlagTtlDays: number; experimentFlagTtlDays: number };
};

/** A refusal still names the policy zone, so the filter form can say in which zone its dates are read. */
export type KpiScopeResult = { success: true; scope: KpiScope } | { success: false; fieldErrors: Record<string, string[]>; timeZone: string };

/** Reads the query at `at` (defaults: the 90 days ending today in the policy zone) and resolves its slugs. */
export async function resolveKpiScope(params: Readonly<Record<string, string | string[] | undefined>>, at: Date): Promise<KpiScopeResult> {
  const policy = await policySettingsInForce();
  const parsed = parseKpiQuery(params, localCalendarDate(at, policy.timeZone));
  if (!parsed.success) return { success: false, fieldErrors: parsed.fieldErrors as Record<string, string[]>, timeZone: policy.timeZone };
  const query = parsed.data;
  const select = { id: true, slug: true, name: true } as const;
  const [team, service] = await Promise.all([
    query.team ? db.team.findUnique({ where: { slug: query.team }, select }) : null,
    query.service ? db.service.findUnique({ where: { slug: query.service }, select }) : null,
  ]);
  const fieldErrors: Record<string, string[]> = {};
  if (query.team && !team) fieldErrors.team = [`No team has the slug "${query.team}".`];
  if (query.service && !service) fieldErrors.service = [`No service has the slug "${query.service}".`];
  if (Object.keys(fieldErrors).length) return { success: false, fieldErrors, timeZone: policy.timeZone };
  return {
    success: true,
    scope: {
      query, at,
      start: startOfLocalDay(query.from, policy.timeZone),
      end: startOfLocalDay(nextCalendarDate(query.to), policy.timeZone),
      buckets: periodBuckets(query.from, query.to, query.granularity, policy.timeZone),
      team, service,
      changeClass: query.changeClass ?? null,
      policy: {
        version: policy.version, timeZone: policy.timeZone, emergencyReviewHours: policy.emergencyReviewHours,
        releaseFlagTtlDays: policy.releaseFlagTtlDays, experimentFlagTtlDays: policy.experimentFlagTtlDays,
      },
    },
  };
}
