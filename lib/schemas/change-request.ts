import { z } from 'zod';
import { CHANGE_CLASSES, RISK_LEVELS } from '@/lib/policy/change-class';

const NO_CONTROL_CHARS = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
const MAX_LIST = 50;

const text = (max: number) => z.string().trim().max(max, `At most ${max.toLocaleString('en')} characters.`).regex(NO_CONTROL_CHARS, 'Remove control characters.');

/** Only http(s) links: a `javascript:` URL must never become a clickable link. */
const ZWebUrl = z.url({ protocol: /^https?$/, error: 'Use an http(s) link.' }).max(2000);

/** An ISO 8601 instant with an explicit offset, round-trip checked (2026-02-30 is refused). */
export const ZInstant = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 time with an offset, e.g. 2026-03-06T15:00:00Z.' }).transform((value, ctx) => {
  const date = new Date(value);
  const [, year, month, day] = /^(\d{4})-(\d{2})-(\d{2})/.exec(value) ?? [];
  const utcDay = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (Number.isNaN(date.getTime()) || utcDay.getUTCDate() !== Number(day) || utcDay.getUTCMonth() !== Number(month) - 1) {
    ctx.addIssue({ code: 'custom', message: 'That date does not exist.' });
    return z.NEVER;
  }
  return date;
});

/** A repository-relative path of the change's scope. */
const ZChangedPath = z.string().trim().min(1).max(500).regex(/^[^\u0000-\u001F]*$/, 'Remove control characters.');

/** Everything a change request says; create and edit take the same fields. */
export const ZChangeRequestContent = z.object({
  title: text(200).min(5, 'At least 5 characters.'),
  description: text(20_000).default(''),
  changeClass: z.enum(CHANGE_CLASSES, 'Choose a class.'),
  risk: z.enum(RISK_LEVELS, 'Choose a risk level.').default('low'),
  teamId: z.uuid('Choose a team.'),
  serviceIds: z.array(z.uuid('Unknown service.')).min(1, 'Choose at least one service.').max(MAX_LIST, `At most ${MAX_LIST} services.`),
  environmentIds: z.array(z.uuid('Unknown environment.')).max(MAX_LIST).default([]),
  pullRequestUrls: z.array(ZWebUrl).max(MAX_LIST, `At most ${MAX_LIST} pull requests.`).default([]),
  prLabel: z.enum(CHANGE_CLASSES).nullable().default(null),
  changedPaths: z.array(ZChangedPath).max(5000, 'At most 5,000 paths.').default([]),
  adrUrl: ZWebUrl.nullable().default(null),
  rollbackPlan: text(20_000).default(''),
  notes: text(20_000).default(''),
  plannedStart: ZInstant.nullable().default(null),
  plannedEnd: ZInstant.nullable().default(null),
  prOpenedAt: ZInstant.nullable().default(null),
  coAuthorIds: z.array(z.uuid('Unknown person.')).max(10).default([]),
}).refine((content) => !content.plannedStart || !content.plannedEnd || content.plannedEnd > content.plannedStart, {
  path: ['plannedEnd'],
  message: 'The planned end must be after its start.',
});

export type ChangeRequestContent = z.infer<typeof ZChangeRequestContent>;
