// The Users page's filters and page number, as query parameters. A value that does not parse (a
// hand-edited or stale link) is dropped and named in `problems`, which the page shows.
import { z } from 'zod';
import { ROLES, type Role } from '@/lib/policy/permissions';

export const USER_FILTER_PARAMS = ['q', 'role', 'team', 'status'] as const;
type UserFilterParam = (typeof USER_FILTER_PARAMS)[number];

export const USER_STATUSES = ['active', 'disabled'] as const;
/** The team filter's choice for people in no team (new SSO accounts start there). */
export const NO_TEAM = 'none';
export const USERS_PER_PAGE = 50;
const MAX_PAGE = 10_000;

export type UserListFilter = { text?: string; role?: Role; teamId?: string | null; isActive?: boolean };

const FILTER_SCHEMAS = {
  q: z.string().max(200, 'Search for at most 200 characters.'),
  role: z.enum(ROLES, 'Not one of the roles.'),
  team: z.string().refine((value) => value === NO_TEAM || z.uuid().safeParse(value).success, 'Not one of the teams.'),
  status: z.enum(USER_STATUSES, 'Choose active or disabled.'),
} satisfies Record<UserFilterParam, z.ZodType>;

const ZPage = z.coerce.number().int().min(1).max(MAX_PAGE);

export type UserListQuery = { filter: UserListFilter; values: Partial<Record<UserFilterParam, string>>; problems: Record<string, string>; page: number };

export function parseUserListQuery(params: Readonly<Record<string, string | string[] | undefined>>): UserListQuery {
  const query: UserListQuery = { filter: {}, values: {}, problems: {}, page: 1 };
  const single = (name: string) => {
    const raw = params[name];
    return (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
  };
  for (const name of USER_FILTER_PARAMS) {
    const value = single(name);
    if (value === undefined) continue;
    const parsed = FILTER_SCHEMAS[name].safeParse(value);
    if (!parsed.success) {
      query.problems[name] = parsed.error.issues[0]?.message ?? 'Not understood.';
      continue;
    }
    query.values[name] = value;
    if (name === 'q') query.filter.text = value;
    if (name === 'role') query.filter.role = value as Role;
    if (name === 'team') query.filter.teamId = value === NO_TEAM ? null : value;
    if (name === 'status') query.filter.isActive = value === 'active';
  }
  const page = single('page');
  if (page !== undefined) {
    const parsed = ZPage.safeParse(page);
    if (parsed.success) query.page = parsed.data;
    else query.problems.page = `Showing the first page: "${page}" is not a page number.`;
  }
  return query;
}
