// The evidence bundle's query (`?control=…&from=…&to=…`): a control and a period of whole local days
// in the policy zone. Strict: a wrong value is a 400 (API, downloads) or a form message (page).
import { addCalendarDays, isCalendarDate, nextCalendarDate, startOfLocalDay } from '@/lib/time/local-day';

export const EVIDENCE_CONTROLS = ['CTRL-012.1', 'CTRL-012.2', 'CTRL-012.3', 'CTRL-012.4', 'CTRL-012.5', 'EXCEPTION-PATH'] as const;
export type EvidenceControl = (typeof EVIDENCE_CONTROLS)[number];

export const EVIDENCE_CONTROL_LABEL: Record<EvidenceControl, string> = {
  'CTRL-012.1': 'CTRL-012.1 Change classification and approvals',
  'CTRL-012.2': 'CTRL-012.2 Change freeze windows',
  'CTRL-012.3': 'CTRL-012.3 Migration safety',
  'CTRL-012.4': 'CTRL-012.4 Feature flag discipline',
  'CTRL-012.5': 'CTRL-012.5 Configuration change control',
  'EXCEPTION-PATH': 'Exception path (emergency changes, overrides)',
};

/** Assumption: "at most one year" is 366 local days, so a whole leap year fits. */
export const MAX_EVIDENCE_PERIOD_DAYS = 366;

/** Local dates `YYYY-MM-DD` in the policy zone, both included. */
export type EvidenceQuery = { control: EvidenceControl; from: string; to: string };

export type EvidenceQueryResult =
  | { success: true; data: EvidenceQuery }
  | { success: false; fieldErrors: Partial<Record<'control' | 'from' | 'to', string[]>> };

const single = (value: string | string[] | null | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

/** Reads the query; every problem is named against its field. */
export function parseEvidenceQuery(params: Readonly<Record<string, string | string[] | undefined>>): EvidenceQueryResult {
  const control = single(params.control);
  const from = single(params.from);
  const to = single(params.to);
  const fieldErrors: Partial<Record<'control' | 'from' | 'to', string[]>> = {};
  if (!(EVIDENCE_CONTROLS as readonly string[]).includes(control)) fieldErrors.control = [`Choose a control: ${EVIDENCE_CONTROLS.join(', ')}.`];
  if (!isCalendarDate(from)) fieldErrors.from = [from ? `"${from}" is not a real date (YYYY-MM-DD).` : 'Give the first day of the period (YYYY-MM-DD).'];
  if (!isCalendarDate(to)) fieldErrors.to = [to ? `"${to}" is not a real date (YYYY-MM-DD).` : 'Give the last day of the period (YYYY-MM-DD).'];
  if (!fieldErrors.from && !fieldErrors.to) {
    if (to < from) fieldErrors.to = ['The period ends before it starts.'];
    else if (to > addCalendarDays(from, MAX_EVIDENCE_PERIOD_DAYS - 1)) fieldErrors.to = [`The period is longer than one year (${MAX_EVIDENCE_PERIOD_DAYS} days at most).`];
  }
  if (Object.keys(fieldErrors).length) return { success: false, fieldErrors };
  return { success: true, data: { control: control as EvidenceControl, from, to } };
}

/** One message for a 400 answer. */
export function evidenceQueryProblem(fieldErrors: Partial<Record<string, string[]>>): string {
  return Object.entries(fieldErrors).map(([field, messages]) => `${field}: ${(messages ?? []).join(' ')}`).join(' ');
}

/** The period as instants, half-open [start of `from`, start of the day after `to`) in `timeZone`. */
export function evidencePeriodInstants(query: Pick<EvidenceQuery, 'from' | 'to'>, timeZone: string): { start: Date; end: Date } {
  return { start: startOfLocalDay(query.from, timeZone), end: startOfLocalDay(nextCalendarDate(query.to), timeZone) };
}
