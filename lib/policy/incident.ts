// Incidents — POL-012 CTRL-012.2 ("Active SEV1/SEV2 incident: no unrelated deploys"). Pure.
// When an incident counts as active, whether it holds deploys, and which recorded times make sense.
import { BLOCKING_SEVERITIES, type IncidentSeverity } from '@/lib/policy/freeze-window';

export type { IncidentSeverity } from '@/lib/policy/freeze-window';

export const INCIDENT_SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const satisfies readonly IncidentSeverity[];

export const SEVERITY_LABEL: Record<IncidentSeverity, string> = { sev1: 'SEV1', sev2: 'SEV2', sev3: 'SEV3', sev4: 'SEV4' };

/**
 * How far ahead of the recording clock a start or resolution time may lie, in milliseconds: the
 * clock of an incident tool (or a person's watch) may run a little ahead of ours.
 */
export const INCIDENT_CLOCK_SKEW_MS = 5 * 60_000;

export type IncidentTimes = {
  /** When the incident began (an instant). */
  startedAt: Date;
  /** When it ended; null while it is still going on. */
  resolvedAt: Date | null;
};

/** Active over the half-open interval [startedAt, resolvedAt), exactly as the gate reads it. */
export function isIncidentActive(incident: IncidentTimes, at: Date): boolean {
  return incident.startedAt <= at && (incident.resolvedAt === null || at < incident.resolvedAt);
}

/** Whether the incident holds every change not linked to it as its fix at `at` (an active SEV1/SEV2). */
export function isBlockingDeploys(incident: IncidentTimes & { severity: IncidentSeverity }, at: Date): boolean {
  return BLOCKING_SEVERITIES.includes(incident.severity) && isIncidentActive(incident, at);
}

export const RESOLVED_BEFORE_START = 'It cannot be resolved before it started.';

export type IncidentTimeProblems = Partial<Record<'startedAt' | 'resolvedAt', string[]>>;

/**
 * What is wrong with an incident's times as recorded at `at`, per field (empty when nothing is).
 * Assumption: a resolution at the very instant of the start is allowed (an empty active interval),
 * so an incident tool can record a blip; neither time may lie in the future beyond the clock skew.
 */
export function incidentTimeProblems(times: IncidentTimes, at: Date): IncidentTimeProblems {
  const problems: IncidentTimeProblems = {};
  const latest = at.getTime() + INCIDENT_CLOCK_SKEW_MS;
  if (times.startedAt.getTime() > latest) problems.startedAt = ['It cannot start in the future.'];
  if (times.resolvedAt) {
    if (times.resolvedAt.getTime() > latest) problems.resolvedAt = ['It cannot be resolved in the future.'];
    else if (times.resolvedAt < times.startedAt) problems.resolvedAt = [RESOLVED_BEFORE_START];
  }
  return problems;
}
