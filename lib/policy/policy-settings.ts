// The shape of versioned policy settings (time zone, weekly windows, class-scope rules). Pure.
import { z } from 'zod';
import { CHANGE_CLASSES } from '@/lib/policy/change-class';
import { isTimeZone } from '@/lib/time/zoned';

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** An IANA time zone this runtime knows (`Europe/Berlin`); an unknown name fails here, at the settings boundary. */
export const ZTimeZone = z.string().trim().min(1, 'Name a time zone.').refine(isTimeZone, 'Unknown time zone: use an IANA name such as Europe/Berlin.');

const ZLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour (00:00 to 23:59).');

/**
 * The classes a weekly window may hold. Emergency is not among them: emergency changes restore
 * service and the policy exempts them from every calendar freeze (the evaluator never holds them),
 * so offering it would publish a rule that does nothing.
 */
export const WEEKLY_WINDOW_CLASSES = ['standard', 'normal', 'major'] as const;

const WEEK_MINUTES = 7 * 1440;

/** A window's bounds: weekdays 0 (Sunday) to 6, local times `HH:MM` in the policy's zone. */
type WeeklyBounds = { startDay: number; startTime: string; endDay: number; endTime: string };

function minuteOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/**
 * Where a window sits in the local week, in minutes from Sunday 00:00: its start, and its length
 * (it wraps past Saturday into the next week when it ends earlier in the week than it starts).
 */
export function weeklyWindowSpan(window: WeeklyBounds): { start: number; length: number } {
  const start = window.startDay * 1440 + minuteOfDay(window.startTime);
  const end = window.endDay * 1440 + minuteOfDay(window.endTime);
  return { start, length: (end - start + WEEK_MINUTES) % WEEK_MINUTES };
}

/**
 * Whether two windows share a moment of the local week. Both are half-open [start, end), so one
 * ending when the other starts does not overlap it, and an empty window (ending when it starts)
 * overlaps nothing.
 */
export function weeklyWindowsOverlap(a: WeeklyBounds, b: WeeklyBounds): boolean {
  const [first, second] = [weeklyWindowSpan(a), weeklyWindowSpan(b)];
  if (first.length === 0 || second.length === 0) return false;
  return (second.start - first.start + WEEK_MINUTES) % WEEK_MINUTES < first.length
    || (first.start - second.start + WEEK_MINUTES) % WEEK_MINUTES < second.length;
}

/**
 * A recurring local-time freeze; it may wrap the weekend (Fri 15:00 → Mon 09:00). Stored versions
 * are read with these same rules: every version was published through them (the migrations' default
 * too), so a row that breaks them was edited by hand and fails loudly rather than deciding.
 */
export const ZWeeklyWindow = z
  .object({
    startDay: z.number().int().min(0).max(6),
    startTime: ZLocalTime,
    endDay: z.number().int().min(0).max(6),
    endTime: ZLocalTime,
    classes: z.array(z.enum(CHANGE_CLASSES)).min(1, 'Hold at least one class.'),
  })
  // The evaluator reads a window that ends when it starts as empty (not a whole week): refused here so
  // a window that does nothing is never published.
  .refine((window) => weeklyWindowSpan(window).length > 0, { path: ['endTime'], message: 'Ends when it starts: a window needs some length.' })
  .refine((window) => !window.classes.includes('emergency'), { path: ['classes'], message: 'Emergency changes are never held by a weekly window.' })
  .refine((window) => new Set(window.classes).size === window.classes.length, { path: ['classes'], message: 'Name each class once.' });
export type WeeklyWindow = z.infer<typeof ZWeeklyWindow>;
/** Changed paths (globs) or title keywords that require at least a class (CTRL-012.1 label versus scope). */
export const ZClassScopeRule = z.object({
  kind: z.enum(['path', 'keyword']),
  pattern: z.string().min(1).max(200),
  minimumClass: z.enum(['standard', 'normal', 'major']),
});
export type ClassScopeRule = z.infer<typeof ZClassScopeRule>;

/** At most this many weekly windows: a week has room for few meaningful ones. */
export const MAX_WEEKLY_WINDOWS = 20;

/**
 * The weekly windows of a version; none means no weekly freeze. Windows holding a common class must
 * not overlap. Assumption: overlapping windows are refused, not merged: a merge would publish windows
 * other than those the admin wrote and the gate's reasons name, and overlap is almost always a typo.
 * Windows holding different classes may overlap (Fri 15:00 → Mon 09:00 for standard and normal, and a
 * longer one for major).
 */
export const ZWeeklyWindows = z
  .array(ZWeeklyWindow)
  .max(MAX_WEEKLY_WINDOWS, `At most ${MAX_WEEKLY_WINDOWS} weekly windows.`)
  .superRefine((windows, ctx) => {
    windows.forEach((window, row) => {
      const earlier = windows.slice(0, row).find((other) => other.classes.some((changeClass) => window.classes.includes(changeClass)) && weeklyWindowsOverlap(other, window));
      // Named by its days and times, not its position: a form drops empty rows, so positions differ.
      if (earlier) ctx.addIssue({ code: 'custom', path: [row, 'startTime'], message: `Overlaps ${describeWeeklyWindow(earlier)} for a class both hold.` });
    });
  });
export const ZClassScopeRules = z.array(ZClassScopeRule);

export function describeWeeklyWindow(window: WeeklyWindow): string {
  return `${WEEKDAYS[window.startDay]} ${window.startTime} → ${WEEKDAYS[window.endDay]} ${window.endTime}`;
}
