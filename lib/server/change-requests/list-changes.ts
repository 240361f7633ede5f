// The change list: filters, text search and keyset pagination, newest first. Every condition is
// served by an index (see the change_list_search migration), and pages are found by position,
// never by OFFSET or a count, so page 4,000 costs what page 1 costs.
//
// One SQL statement, not a Prisma findMany: findMany loads team, author and services in four
// more round trips, which made the list 2–3× slower than this query (bench/change-list.ts).
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { listServices, listTeams } from '@/lib/server/catalog/queries';
import type { Actor } from '@/lib/policy/permissions';
import type { ChangeClass, ChangeStatus } from '@/lib/policy/change-class';
import type { ChangeCursor, ChangeListFilter, ChangeListPage, SearchTerm } from '@/lib/schemas/change-list-query';
import { literalLikeText } from '@/lib/server/like-text';

export const CHANGE_PAGE_SIZE = 25;

/**
 * Submitted changes are everyone's to see; drafts only their author's and team's (canViewChange).
 * A null viewer is a service token: it sees what everyone sees.
 */
function visibleTo(actor: Actor | null): Prisma.Sql {
  if (!actor) return Prisma.sql`c.status <> 'draft'`;
  const ownTeam = actor.teamId ? Prisma.sql` OR c.team_id = ${actor.teamId}::uuid` : Prisma.empty;
  return Prisma.sql`(c.status <> 'draft' OR c.author_id = ${actor.id}::uuid${ownTeam})`;
}

/** A search for "100%" means the text, not a wildcard. */
function likePattern(text: string): string {
  return `%${literalLikeText(text)}%`;
}

/** ILIKE on each column, which the trigram GIN indexes serve (combined as a bitmap OR). */
function matches(term: SearchTerm): Prisma.Sql {
  const pattern = likePattern(term.text);
  const reference = term.changeNumber === null ? Prisma.empty : Prisma.sql` OR c.number = ${term.changeNumber}::int`;
  return Prisma.sql`(c.title ILIKE ${pattern} OR c.description ILIKE ${pattern}${reference})`;
}

function filterConditions(filter: ChangeListFilter): Prisma.Sql[] {
  const conditions = (filter.terms ?? []).map(matches);
  if (filter.status) conditions.push(Prisma.sql`c.status = ${filter.status}::"ChangeStatus"`);
  if (filter.changeClass) conditions.push(Prisma.sql`c.change_class = ${filter.changeClass}::"ChangeClass"`);
  if (filter.teamId) conditions.push(Prisma.sql`c.team_id = ${filter.teamId}::uuid`);
  if (filter.authorId) conditions.push(Prisma.sql`c.author_id = ${filter.authorId}::uuid`);
  if (filter.serviceId) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM change_service f WHERE f.change_request_id = c.id AND f.service_id = ${filter.serviceId}::uuid)`);
  if (filter.createdFrom) conditions.push(Prisma.sql`c.created_at >= ${filter.createdFrom}::timestamptz`);
  if (filter.createdBefore) conditions.push(Prisma.sql`c.created_at < ${filter.createdBefore}::timestamptz`);
  return conditions;
}

/**
 * Rows strictly older (`before`) or newer (`after`) than the cursor in (created_at, number) order.
 * The bound on created_at alone repeats what the row comparison implies, so that the created_at
 * indexes start the scan at the cursor.
 */
function beyond(cursor: ChangeCursor, direction: 'before' | 'after'): Prisma.Sql {
  const at = Prisma.sql`${cursor.createdAt}::timestamptz`;
  const position = Prisma.sql`(${at}, ${cursor.number}::int)`;
  return direction === 'before'
    ? Prisma.sql`c.created_at <= ${at} AND (c.created_at, c.number) < ${position}`
    : Prisma.sql`c.created_at >= ${at} AND (c.created_at, c.number) > ${position}`;
}

/** Shaped like the Prisma payload it replaced, which the page and lib/api/dto/change.ts read. */
export type ChangeListItem = {
  id: string;
  number: number;
  title: string;
  changeClass: ChangeClass;
  status: ChangeStatus;
  createdAt: Date;
  team: { name: string };
  author: { name: string | null; email: string };
  services: { service: { name: string } }[];
};

type ChangeListRow = Omit<ChangeListItem, 'team' | 'author' | 'services'> & {
  teamName: string;
  authorName: string | null;
  authorEmail: string;
  serviceNames: string[];
};

export type ChangeList = {
  items: ChangeListItem[];
  /** Where the next older page starts; absent on the last page. */
  older?: ChangeCursor;
  /** Where the next newer page starts; absent on the first page. */
  newer?: ChangeCursor;
};

async function selectPage(conditions: Prisma.Sql[], order: 'ASC' | 'DESC', pageSize: number): Promise<ChangeListItem[]> {
  const direction = Prisma.raw(order);
  const rows = await db.$queryRaw<ChangeListRow[]>`
    SELECT c.id::text AS id, c.number, c.title, c.change_class::text AS "changeClass", c.status::text AS status,
           c.created_at AS "createdAt", t.name AS "teamName", u.name AS "authorName", u.email AS "authorEmail",
           coalesce(sv.names, '{}') AS "serviceNames"
    FROM change_request c
    JOIN team t ON t.id = c.team_id
    JOIN "user" u ON u.id = c.author_id
    LEFT JOIN LATERAL (
      SELECT array_agg(s.name ORDER BY s.name) AS names
      FROM change_service cs JOIN service s ON s.id = cs.service_id
      WHERE cs.change_request_id = c.id
    ) sv ON true
    WHERE ${Prisma.join(conditions, ' AND ')}
    ORDER BY c.created_at ${direction}, c.number ${direction}
    LIMIT ${pageSize + 1}`;
  return rows.map(({ teamName, authorName, authorEmail, serviceNames, ...change }) => ({
    ...change,
    team: { name: teamName },
    author: { name: authorName, email: authorEmail },
    services: serviceNames.map((name) => ({ service: { name } })),
  }));
}

const cursorOf = (item: ChangeListItem): ChangeCursor => ({ createdAt: item.createdAt, number: item.number });

/** One page of the changes the actor may see, newest first; the API chooses its page size (up to 100). */
export async function listChanges(actor: Actor | null, filter: ChangeListFilter = {}, page: ChangeListPage = {}, pageSize = CHANGE_PAGE_SIZE): Promise<ChangeList> {
  const isBackwards = page.after !== undefined && page.before === undefined;
  const cursor = isBackwards ? page.after : page.before;
  const conditions = [visibleTo(actor), ...filterConditions(filter)];
  if (cursor) conditions.push(beyond(cursor, isBackwards ? 'after' : 'before'));
  // One extra row tells whether another page follows, without counting.
  const rows = await selectPage(conditions, isBackwards ? 'ASC' : 'DESC', pageSize);
  const hasMore = rows.length > pageSize;
  // Paging back to the top ends on a full first page rather than on the few rows left over.
  if (isBackwards && !hasMore) return listChanges(actor, filter, {}, pageSize);
  const items = rows.slice(0, pageSize);
  if (isBackwards) items.reverse();
  const first = items[0];
  const last = items.at(-1);
  // Any page reached through a cursor has newer rows (paging back: more than this page, as checked
  // above); paging back, the rows just left are older.
  const hasOlder = isBackwards || hasMore;
  const hasNewer = cursor !== undefined;
  return {
    items,
    older: hasOlder ? (last ? cursorOf(last) : cursor) : undefined,
    newer: hasNewer ? (first ? cursorOf(first) : cursor) : undefined,
  };
}

/** What the list's filters offer. Authors include people who left: their changes stay listed. */
export async function changeFilterOptions() {
  const [teams, services, people] = await Promise.all([
    listTeams(),
    listServices(),
    db.user.findMany({ where: { role: { not: 'auditor' } }, orderBy: [{ name: 'asc' }, { email: 'asc' }], select: { id: true, name: true, email: true } }),
  ]);
  return {
    teams: teams.map(({ id, name }) => ({ id, name })),
    services: services.map((service) => ({ id: service.id, name: `${service.name} (${service.team.name})` })),
    people: people.map((person) => ({ id: person.id, name: person.name ?? person.email })),
  };
}

export type ChangeFilterOptions = Awaited<ReturnType<typeof changeFilterOptions>>;
