// The five KPIs of POL-012 ("KPI Linkage"): what each counts, its formula in words and its target. Pure.
import { CHANGE_CLASSES } from '@/lib/policy/change-class';
import type { PolicyControl } from '@/lib/policy/decision';
import { STALE_FLAG_TARGET } from '@/lib/policy/flag-staleness';
import { ROLLBACK_RATE_TARGET } from '@/lib/policy/migration-plan';

export const KPI_IDS = ['change-failure-rate', 'unauthorized-changes', 'stale-flags', 'migration-rollback-rate', 'lead-time'] as const;
export type KpiId = (typeof KPI_IDS)[number];

export const CHANGE_FAILURE_RATE_TARGET = 0.05;
export const UNAUTHORIZED_CHANGES_TARGET = 0;
/** Four hours, for the median lead time of standard changes. */
export const STANDARD_LEAD_TIME_TARGET_SECONDS = 4 * 3600;

export type KpiDefinition = {
  title: string;
  /** The controls whose records feed the KPI. */
  controls: PolicyControl[];
  /** The target as the policy states it. */
  target: string;
  /** How the value is computed from the records, in words an auditor can redo by hand. */
  formula: string;
  /** What the filters do not narrow, when some do not apply to this KPI's records. */
  filterNote?: string;
};

export const KPI_DEFINITIONS: Record<KpiId, KpiDefinition> = {
  'change-failure-rate': {
    title: 'Change failure rate',
    controls: ['CTRL-012.1', 'CTRL-012.2'],
    target: 'Under 5 %',
    formula:
      'Changes whose first production deploy started in the period and that failed (a production deploy failed or was rolled back, or an incident was attributed to the change as its cause), divided by all changes whose first production deploy started in the period. Each change counts once; incidents a change fixes do not count.',
  },
  'unauthorized-changes': {
    title: 'Unauthorized changes',
    controls: ['CTRL-012.1', 'CTRL-012.2', 'CTRL-012.5', 'EXCEPTION-PATH'],
    target: '0',
    formula:
      'Production deploys started in the period without a fresh allow from the gate or without the approvals their class requires, plus configuration changes applied in the period outside their process (reported afterwards), plus emergency changes first deployed in the period whose second approval came after the review deadline (the one set in the exceptions log at the first production deploy: 24 hours by default), or has not come and the deadline has passed.',
    filterNote: 'Configuration changes have no class: a class filter leaves them out.',
  },
  'stale-flags': {
    title: 'Stale feature flags',
    controls: ['CTRL-012.4'],
    target: 'Fewer than 5 at any time',
    formula:
      'Flags not archived at the moment and past their expiry: the date set by a monthly audit extension, else 30 days (the policy setting) after a release flag first reached 100 %, else 90 days after an experiment flag was created; ops and permission flags do not expire. The value is the count at the end of the period (or now); the trend counts at the end of each week or month.',
    filterNote: 'Flags belong to a team, not to a service or a class: only the team filter applies. Past counts use each flag’s current expiry date.',
  },
  'migration-rollback-rate': {
    title: 'Migration rollback rate',
    controls: ['CTRL-012.3'],
    target: 'Under 10 %',
    formula: 'Migrations executed in the period (by their execution time) that were rolled back, divided by all migrations executed in the period (succeeded or rolled back). Planned and running migrations have no outcome yet and do not count.',
  },
  'lead-time': {
    title: 'Change lead time',
    controls: ['CTRL-012.1', 'CTRL-012.2'],
    target: 'Median under 4 hours for standard changes',
    formula:
      'For each change that first reached production in the period: from the opening of its earliest linked pull request to the end of its first successful production deploy. Median and 90th percentile (continuous percentiles), for standard changes against the target and for every class. Changes without a recorded pull request opening are listed apart and not measured.',
  },
};

/** A part of a ratio; the rate is null when nothing was counted (no data is neither met nor missed). */
export type Ratio = { numerator: number; denominator: number; rate: number | null };

export function ratioOf(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, rate: denominator === 0 ? null : numerator / denominator };
}

/** Met, missed, or no data to judge by. */
export type KpiState = 'met' | 'missed' | 'no-data';

export function rateState(rate: number | null, target: number): KpiState {
  if (rate === null) return 'no-data';
  return rate < target ? 'met' : 'missed';
}

export function unauthorizedState(count: number): KpiState {
  return count <= UNAUTHORIZED_CHANGES_TARGET ? 'met' : 'missed';
}

export function staleFlagState(count: number): KpiState {
  return count < STALE_FLAG_TARGET ? 'met' : 'missed';
}

// Assumption: the policy's "< 4 hours (standard)" is read as the median lead time of standard changes:
// the typical change, which a few slow ones do not swing; the 90th percentile is shown beside it.
export function leadTimeState(standardMedianSeconds: number | null): KpiState {
  if (standardMedianSeconds === null) return 'no-data';
  return standardMedianSeconds < STANDARD_LEAD_TIME_TARGET_SECONDS ? 'met' : 'missed';
}

export const KPI_TARGET_VALUES = {
  'change-failure-rate': CHANGE_FAILURE_RATE_TARGET,
  'unauthorized-changes': UNAUTHORIZED_CHANGES_TARGET,
  'stale-flags': STALE_FLAG_TARGET,
  'migration-rollback-rate': ROLLBACK_RATE_TARGET,
  'lead-time': STANDARD_LEAD_TIME_TARGET_SECONDS,
} as const satisfies Record<KpiId, number>;

export const KPI_STATE_LABEL: Record<KpiState, string> = { met: 'Target met', missed: 'Target missed', 'no-data': 'No data in this period' };

/** The three kinds of record the unauthorized changes KPI adds up. */
export const UNAUTHORIZED_KINDS = ['deployment', 'config-change', 'emergency-review'] as const;
export type UnauthorizedKind = (typeof UNAUTHORIZED_KINDS)[number];

export const UNAUTHORIZED_KIND_LABEL: Record<UnauthorizedKind, string> = {
  deployment: 'Production deploys without a gate allow or approvals',
  'config-change': 'Configuration changes outside their process',
  'emergency-review': 'Emergency changes approved late or never',
};

/** Lead time figures of one group of changes, in seconds. */
export type LeadTimeFigures = { count: number; medianSeconds: number | null; p90Seconds: number | null };

/**
 * The continuous percentile of sorted values (linear interpolation between closest ranks), as
 * PostgreSQL's percentile_cont computes it: the rule an auditor can redo by hand.
 */
export function percentileCont(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const rank = fraction * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (rank - lower);
}

/** "3 h 20 min", "2 d 4 h", "45 min", "30 s": a duration for people. */
export function formatDuration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

/**
 * A rate in per cent to one decimal, rounded down: 4.99 % reads "4.9 %", never "5.0 %" beside a met
 * target of under 5 %.
 */
export function formatRate(rate: number | null): string {
  // The epsilon keeps 0.07 * 1000 (70.00000000000001) and its kind from dropping a tenth.
  return rate === null ? '—' : `${(Math.floor(rate * 1000 + 1e-9) / 10).toFixed(1)} %`;
}

export type KpiGranularity = 'week' | 'month';


/** Which records of a KPI a drill-down lists: the numerator, the denominator, or one kind or class. */
export const KPI_RECORD_PARTS: Record<KpiId, readonly string[]> = {
  'change-failure-rate': ['failed', 'deployed'],
  'unauthorized-changes': ['all', ...UNAUTHORIZED_KINDS],
  'stale-flags': ['stale'],
  'migration-rollback-rate': ['rolled-back', 'executed'],
  'lead-time': ['all', ...CHANGE_CLASSES, 'unmeasured'],
};

export const KPI_RECORD_PART_LABEL: Record<string, string> = {
  failed: 'Failed changes', deployed: 'All changes deployed to production', all: 'All', stale: 'Stale flags',
  'rolled-back': 'Rolled-back migrations', executed: 'All executed migrations', unmeasured: 'Not measurable (no pull request opening)',
  deployment: 'Unauthorized production deploys', 'config-change': 'Configuration changes outside their process', 'emergency-review': 'Emergency changes approved late or never',
  standard: 'Standard changes', normal: 'Normal changes', emergency: 'Emergency changes', major: 'Major changes',
};
