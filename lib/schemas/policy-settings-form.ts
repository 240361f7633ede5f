// What an admin may publish as a new policy settings version, and how the edit form is read. The actor
// never comes from a form.
import picomatch from 'picomatch';
import { z } from 'zod';
import { text as boundedText } from '@/lib/schemas/text';
import { WEEKLY_WINDOW_CLASSES, ZTimeZone, ZWeeklyWindow, ZWeeklyWindows, type WeeklyWindow } from '@/lib/policy/policy-settings';

export const SCOPE_RULE_KINDS = ['path', 'keyword'] as const;
export const SCOPE_MINIMUM_CLASSES = ['standard', 'normal', 'major'] as const;

/** The editable time limits, with their bounds and units. */
export const POLICY_LIMITS = {
  emergencyReviewHours: { label: 'Emergency documentation and 2nd approval (hours)', min: 1, max: 168 },
  overrideMaxHours: { label: 'Freeze override, longest (hours)', min: 1, max: 168 },
  gateAllowValidMinutes: { label: 'Gate allow valid for a deploy (minutes)', min: 1, max: 1440 },
  releaseFlagTtlDays: { label: 'Release flag TTL after 100% rollout (days)', min: 1, max: 365 },
  experimentFlagTtlDays: { label: 'Experiment flag TTL after creation (days)', min: 1, max: 365 },
} as const;
export type PolicyLimit = keyof typeof POLICY_LIMITS;
export const POLICY_LIMIT_NAMES = Object.keys(POLICY_LIMITS) as PolicyLimit[];

const MAX_PATTERN_LENGTH = 200;

/**
 * Whether a path glob compiles. Brackets and parentheses must close (picomatch would otherwise read
 * them as literals, silently), and a glob picomatch gives up on compiles to a regex matching nothing.
 */
export function isCompilableGlob(pattern: string): boolean {
  try {
    return picomatch.makeRe(pattern, { dot: true, strictBrackets: true }).source !== '$^';
  } catch {
    return false;
  }
}

/** One class-scope rule as published: a path glob or a title keyword that needs at least a class. */
export const ZPublishedScopeRule = z
  .object({
    kind: z.enum(SCOPE_RULE_KINDS, 'Choose path or keyword.'),
    pattern: z.string().trim().min(1, 'Give a pattern.').max(MAX_PATTERN_LENGTH, `At most ${MAX_PATTERN_LENGTH} characters.`),
    minimumClass: z.enum(SCOPE_MINIMUM_CLASSES, 'Choose standard, normal or major.'),
  })
  .refine((rule) => rule.kind !== 'path' || isCompilableGlob(rule.pattern), { path: ['pattern'], message: 'Not a valid glob: check brackets, braces and parentheses.' });
export type PublishedScopeRule = z.infer<typeof ZPublishedScopeRule>;

function ZLimit(name: PolicyLimit) {
  const { min, max } = POLICY_LIMITS[name];
  return z.coerce.number(`Give a whole number from ${min} to ${max}.`).int(`Give a whole number from ${min} to ${max}.`).min(min, `At least ${min}.`).max(max, `At most ${max}.`);
}

/** The fields every publish carries besides the rules. */
const ZPolicySettingsBase = z.object({
  /** The version the admin's form was loaded from (optimistic concurrency). */
  expectedVersion: z.coerce.number().int().positive(),
  note: boundedText(500).min(1, 'Say why you publish this version.'),
  timeZone: ZTimeZone,
  emergencyReviewHours: ZLimit('emergencyReviewHours'),
  overrideMaxHours: ZLimit('overrideMaxHours'),
  gateAllowValidMinutes: ZLimit('gateAllowValidMinutes'),
  releaseFlagTtlDays: ZLimit('releaseFlagTtlDays'),
});

/** What the publish use-case takes. */
export const ZPolicySettingsPublish = ZPolicySettingsBase.extend({
  /** Absent, the experiment flag TTL in force carries over (callers that predate the setting). */
  experimentFlagTtlDays: ZLimit('experimentFlagTtlDays').optional(),
  /** The weekly windows to publish ([] = no weekly freeze); absent, those in force carry over. */
  weeklyWindows: ZWeeklyWindows.optional(),
  classScopeRules: z
    .array(ZPublishedScopeRule)
    .max(500, 'At most 500 rules.')
    .superRefine((rules, ctx) => {
      const seen = new Map<string, number>();
      rules.forEach((rule, row) => {
        const key = `${rule.kind}:${rule.pattern}`;
        const first = seen.get(key);
        if (first === undefined) seen.set(key, row);
        else ctx.addIssue({ code: 'custom', path: [row, 'pattern'], message: `repeats rule ${first + 1} ("${rule.pattern}").` });
      });
    }),
});
export type PolicySettingsPublish = z.infer<typeof ZPolicySettingsPublish>;

/** Form field names of rule row `row` (0-based). */
export function ruleField(row: number, part: 'kind' | 'pattern' | 'minimumClass' | 'remove'): string {
  return `rule-${row}-${part}`;
}

export type WindowFieldPart = 'startDay' | 'startTime' | 'endDay' | 'endTime' | 'classes' | 'remove' | `class-${(typeof WEEKLY_WINDOW_CLASSES)[number]}`;

/** Form field names of weekly window row `row` (0-based); `classes` names the row's class group (errors only). */
export function windowField(row: number, part: WindowFieldPart): string {
  return `window-${row}-${part}`;
}

/** How many rows of a kind a submitted (or echoed) form has: one past the highest row number seen. */
function rowCount(values: Record<string, unknown>, pattern: RegExp): number {
  return Object.keys(values).reduce((count, key) => {
    const match = pattern.exec(key);
    return match ? Math.max(count, Number(match[1]) + 1) : count;
  }, 0);
}

/** How many rule rows a submitted (or echoed) form has. */
export function ruleRowCount(values: Record<string, unknown>): number {
  return rowCount(values, /^rule-(\d+)-pattern$/);
}

/** How many weekly window rows a submitted (or echoed) form has. */
export function windowRowCount(values: Record<string, unknown>): number {
  return rowCount(values, /^window-(\d+)-startTime$/);
}

/** A window as form values: the page fills rows with it, and the form echoes them back. */
export function weeklyWindowFormValues(row: number, window: WeeklyWindow | null): Record<string, string> {
  const values: Record<string, string> = {
    [windowField(row, 'startDay')]: String(window?.startDay ?? 5),
    [windowField(row, 'startTime')]: window?.startTime ?? '',
    [windowField(row, 'endDay')]: String(window?.endDay ?? 1),
    [windowField(row, 'endTime')]: window?.endTime ?? '',
  };
  for (const changeClass of WEEKLY_WINDOW_CLASSES) if (window?.classes.includes(changeClass)) values[windowField(row, `class-${changeClass}`)] = 'on';
  return values;
}

/** Which form field an issue of a window belongs to (the class checkboxes share one error). */
function windowIssueField(row: number, key: PropertyKey | undefined): string {
  const part = key === 'startDay' || key === 'startTime' || key === 'endDay' || key === 'endTime' ? key : 'classes';
  return windowField(row, part);
}

/**
 * The edit form, read from flat fields (`rule-3-pattern`, `window-1-startTime`…). Rule rows with an
 * empty pattern, window rows with neither time, and rows with "remove" ticked are dropped; a bad row
 * gets its error on its own field, so the form shows it in place.
 */
export const ZPolicySettingsForm = z.looseObject({ ...ZPolicySettingsBase.shape, experimentFlagTtlDays: ZLimit('experimentFlagTtlDays') }).transform((form, ctx): PolicySettingsPublish => {
  const text = (key: string) => (typeof form[key] === 'string' ? form[key] : '');

  const classScopeRules: PublishedScopeRule[] = [];
  for (let row = 0; row < ruleRowCount(form); row++) {
    if (text(ruleField(row, 'pattern')).trim() === '' || text(ruleField(row, 'remove')) === 'on') continue;
    const parsed = ZPublishedScopeRule.safeParse({ kind: text(ruleField(row, 'kind')), pattern: text(ruleField(row, 'pattern')), minimumClass: text(ruleField(row, 'minimumClass')) });
    if (parsed.success) classScopeRules.push(parsed.data);
    else for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [ruleField(row, issue.path[0] as 'kind' | 'pattern' | 'minimumClass')], message: `Rule ${row + 1}: ${issue.message}` });
  }

  const weeklyWindows: WeeklyWindow[] = [];
  /** The form row of each kept window, so that errors about the list land on the right row. */
  const windowRows: number[] = [];
  for (let row = 0; row < windowRowCount(form); row++) {
    const [startTime, endTime] = [text(windowField(row, 'startTime')), text(windowField(row, 'endTime'))];
    if ((startTime === '' && endTime === '') || text(windowField(row, 'remove')) === 'on') continue;
    // Days come from selects: anything but 0–6 is refused by the schema, never coerced into one.
    const day = (part: 'startDay' | 'endDay') => (/^[0-6]$/.test(text(windowField(row, part))) ? Number(text(windowField(row, part))) : NaN);
    const parsed = ZWeeklyWindow.safeParse({
      startDay: day('startDay'), startTime, endDay: day('endDay'), endTime,
      classes: WEEKLY_WINDOW_CLASSES.filter((changeClass) => text(windowField(row, `class-${changeClass}`)) === 'on'),
    });
    if (parsed.success) {
      weeklyWindows.push(parsed.data);
      windowRows.push(row);
    } else {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: [windowIssueField(row, issue.path[0])], message: `Window ${row + 1}: ${issue.message}` });
    }
  }
  // Rules between windows (overlap, how many), once every row is well formed on its own.
  const list = ZWeeklyWindows.safeParse(weeklyWindows);
  if (!list.success) {
    for (const issue of list.error.issues) {
      const [index, key] = issue.path;
      const row = typeof index === 'number' ? windowRows[index]! : null;
      if (row === null) ctx.addIssue({ code: 'custom', path: ['weeklyWindows'], message: issue.message });
      else ctx.addIssue({ code: 'custom', path: [windowIssueField(row, key)], message: `Window ${row + 1}: ${issue.message}` });
    }
  }

  const { expectedVersion, note, timeZone, emergencyReviewHours, overrideMaxHours, gateAllowValidMinutes, releaseFlagTtlDays, experimentFlagTtlDays } = form;
  return { expectedVersion, note, timeZone, emergencyReviewHours, overrideMaxHours, gateAllowValidMinutes, releaseFlagTtlDays, experimentFlagTtlDays, classScopeRules, weeklyWindows };
});
