// The shape of versioned policy settings (time zone, weekly windows, class-scope rules). Pure.
import { z } from 'zod';
import { CHANGE_CLASSES } from '@/lib/policy/change-class';
import { isTimeZone } from '@/lib/time/zoned';

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** An IANA time zone this runtime knows (`Europe/Berlin`); an unknown name fails here, at the settings boundary. */
export const ZTimeZone = z.string().trim().min(1, 'Name a time zone.').refine(isTimeZone, 'Unknown time zone: use an IANA name such as Europe/Berlin.');

const ZLocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour.');

/** A recurring local-time freeze; it may wrap the weekend (Fri 15:00 → Mon 09:00). */
export const ZWeeklyWindow = z.object({
  startDay: z.number().int().min(0).max(6),
  startTime: ZLocalTime,
  endDay: z.number().int().min(0).max(6),
  endTime: ZLocalTime,
  classes: z.array(z.enum(CHANGE_CLASSES)).min(1),
});
export type WeeklyWindow = z.infer<typeof ZWeeklyWindow>;

/** Changed paths (globs) or title keywords that require at least a class (CTRL-012.1 label versus scope). */
export const ZClassScopeRule = z.object({
  kind: z.enum(['path', 'keyword']),
  pattern: z.string().min(1).max(200),
  minimumClass: z.enum(['standard', 'normal', 'major']),
});
export type ClassScopeRule = z.infer<typeof ZClassScopeRule>;

export const ZWeeklyWindows = z.array(ZWeeklyWindow);
export const ZClassScopeRules = z.array(ZClassScopeRule);

export function describeWeeklyWindow(window: WeeklyWindow): string {
  return `${WEEKDAYS[window.startDay]} ${window.startTime} → ${WEEKDAYS[window.endDay]} ${window.endTime}`;
}
