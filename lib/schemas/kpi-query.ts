// The KPI dashboard's query (`?from=&to=&team=&service=&class=&granularity=`), shared by the page, the
// drill-downs, the CSV export and `GET /api/v1/kpis`. A period of whole local days in the policy zone.
// Strict: a wrong value is a 400 (API, downloads) or a form message (page).
import { CHANGE_CLASSES, type ChangeClass } from '@/lib/policy/change-class';
import { addCalendarDays, isCalendarDate } from '@/lib/time/local-day';
import { PERIOD_GRANULARITIES, type PeriodGranularity } from '@/lib/time/periods';

/** The default period: the 90 local days ending today. */
export const DEFAULT_KPI_PERIOD_DAYS = 90;
/** Ten years of history at most (a leap day each fourth year). */
export const MAX_KPI_PERIOD_DAYS = 3653;
/** Longer periods default to months: a weekly trend over years is unreadable. */
const WEEKLY_DEFAULT_MAX_DAYS = 190;

export const KPI_QUERY_PARAMS = ['from', 'to', 'team', 'service', 'class', 'granularity'] as const;
type KpiQueryParam = (typeof KPI_QUERY_PARAMS)[number];

/** Local dates `YYYY-MM-DD`, both included; team and service by slug. */
export type KpiQuery = { from: string; to: string; team?: string; service?: string; changeClass?: ChangeClass; granularity: PeriodGranularity };

export type KpiQueryResult = { success: true; data: KpiQuery } | { success: false; fieldErrors: Partial<Record<KpiQueryParam, string[]>> };

const single = (value: string | string[] | null | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** Reads the query against `today` (a local date in the policy zone); every problem is named against its field. */
export function parseKpiQuery(params: Readonly<Record<string, string | string[] | undefined>>, today: string): KpiQueryResult {
  const fieldErrors: Partial<Record<KpiQueryParam, string[]>> = {};
  const to = single(params.to) || today;
  const givenFrom = single(params.from);
  if (!isCalendarDate(to)) fieldErrors.to = [`"${to}" is not a real date (YYYY-MM-DD).`];
  if (givenFrom && !isCalendarDate(givenFrom)) fieldErrors.from = [`"${givenFrom}" is not a real date (YYYY-MM-DD).`];
  // The default start is derived from a valid end only.
  const from = givenFrom || (fieldErrors.to ? '' : addCalendarDays(to, 1 - DEFAULT_KPI_PERIOD_DAYS));
  if (!fieldErrors.from && !fieldErrors.to) {
    if (to < from) fieldErrors.to = ['The period ends before it starts.'];
    else if (to > addCalendarDays(from, MAX_KPI_PERIOD_DAYS - 1)) fieldErrors.to = [`The period is longer than ten years (${MAX_KPI_PERIOD_DAYS} days at most).`];
  }
  const slugOf = (name: 'team' | 'service') => {
    const value = single(params[name]).toLowerCase();
    if (value && !SLUG.test(value)) fieldErrors[name] = [`"${single(params[name]).slice(0, 100)}" is not a ${name} slug.`];
    return value || undefined;
  };
  const team = slugOf('team');
  const service = slugOf('service');
  const changeClass = single(params.class);
  if (changeClass && !(CHANGE_CLASSES as readonly string[]).includes(changeClass)) fieldErrors.class = [`Choose a class: ${CHANGE_CLASSES.join(', ')}.`];
  const granularity = single(params.granularity);
  if (granularity && !(PERIOD_GRANULARITIES as readonly string[]).includes(granularity)) fieldErrors.granularity = ['Choose week or month.'];
  if (Object.keys(fieldErrors).length) return { success: false, fieldErrors };
  const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  return {
    success: true,
    data: {
      from, to, team, service,
      changeClass: (changeClass || undefined) as ChangeClass | undefined,
      granularity: (granularity || (days > WEEKLY_DEFAULT_MAX_DAYS ? 'month' : 'week')) as PeriodGranularity,
    },
  };
}

/** The query as URL parameters (defaults written out), for links between the dashboard, its drill-downs and exports. */
export function kpiQueryParams(query: KpiQuery): URLSearchParams {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.team) params.set('team', query.team);
  if (query.service) params.set('service', query.service);
  if (query.changeClass) params.set('class', query.changeClass);
  params.set('granularity', query.granularity);
  return params;
}
