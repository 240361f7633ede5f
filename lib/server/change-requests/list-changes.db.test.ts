import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { listChanges, type ChangeList } from '@/lib/server/change-requests/list-changes';
import { parseChangeListQuery, type ChangeListFilter } from '@/lib/schemas/change-list-query';
import type { Actor } from '@/lib/policy/permissions';
import { createChangeRow, createService, createTeam, createUser, uniqueSuffix } from '@/prisma/factories';

afterAll(() => db.$disconnect());

/** A word no other test uses: every list below is narrowed by it, so other tests' rows never show. */
const uniqueWord = () => `tag${uniqueSuffix()}`;
const word = (text: string) => ({ text, changeNumber: null });

async function titles(viewer: Actor | null, filter: ChangeListFilter) {
  const { items } = await listChanges(viewer, filter);
  return items.map((item) => item.title).sort();
}

describe('listChanges filters', async () => {
  const tag = uniqueWord();
  const [teamA, teamB, viewerTeam] = await Promise.all([createTeam(), createTeam(), createTeam()]);
  const [a1, a2, b1] = await Promise.all([createService(teamA.id), createService(teamA.id), createService(teamB.id)]);
  const [alice, bob, viewer] = await Promise.all([createUser({ teamId: teamA.id }), createUser({ teamId: teamB.id }), createUser({ teamId: viewerTeam.id })]);
  const row = (title: string, input: Omit<Parameters<typeof createChangeRow>[0], 'title'>) => createChangeRow({ title: `${tag} ${title}`, ...input });
  const rows = {
    c1: await row('c1', { teamId: teamA.id, authorId: alice.id, serviceIds: [a1.id], status: 'submitted', changeClass: 'standard', createdAt: new Date('2026-01-10T12:00:00Z') }),
    c2: await row('c2', { teamId: teamA.id, authorId: alice.id, serviceIds: [a2.id], status: 'approved', changeClass: 'normal', createdAt: new Date('2026-02-10T12:00:00Z') }),
    c3: await row('c3', { teamId: teamB.id, authorId: bob.id, serviceIds: [b1.id], status: 'submitted', changeClass: 'major', createdAt: new Date('2026-03-10T12:00:00Z') }),
    // 31 March 19:30 in New York.
    c4: await row('c4', { teamId: teamB.id, authorId: bob.id, serviceIds: [b1.id], status: 'closed', changeClass: 'standard', createdAt: new Date('2026-03-31T23:30:00Z') }),
    // Still 31 March (22:00) in New York, already 1 April in UTC.
    c5: await row('c5', { teamId: teamA.id, authorId: alice.id, serviceIds: [a1.id, a2.id], status: 'deployed', changeClass: 'emergency', createdAt: new Date('2026-04-01T02:00:00Z') }),
  };
  const everything = { terms: [word(tag)] };
  const named = (...keys: (keyof typeof rows)[]) => keys.map((key) => rows[key].title).sort();

  test('the search alone lists all five, newest first, with their names', async () => {
    const { items } = await listChanges(viewer, everything);
    expect(items.map((item) => item.title)).toEqual([rows.c5, rows.c4, rows.c3, rows.c2, rows.c1].map((change) => change.title));
    expect(items[0]).toMatchObject({ id: rows.c5.id, number: rows.c5.number, changeClass: 'emergency', status: 'deployed', createdAt: rows.c5.createdAt, team: { name: teamA.name } });
    expect(items[0]!.services.map(({ service }) => service.name).sort()).toEqual([a1.name, a2.name].sort());
    expect(items[0]!.author.email).toBe(alice.email);
  });

  test.each([
    { label: 'status', filter: () => ({ status: 'submitted' as const }), expected: ['c1', 'c3'] as const },
    { label: 'class', filter: () => ({ changeClass: 'standard' as const }), expected: ['c1', 'c4'] as const },
    { label: 'team', filter: () => ({ teamId: teamB.id }), expected: ['c3', 'c4'] as const },
    { label: 'service', filter: () => ({ serviceId: a2.id }), expected: ['c2', 'c5'] as const },
    { label: 'author', filter: () => ({ authorId: bob.id }), expected: ['c3', 'c4'] as const },
    { label: 'team and class together', filter: () => ({ teamId: teamA.id, changeClass: 'normal' as const }), expected: ['c2'] as const },
  ])('the $label filter narrows the list', async ({ filter, expected }) => {
    expect(await titles(viewer, { ...everything, ...filter() })).toEqual(named(...expected));
  });

  test.each([
    { zone: 'America/New_York', expected: ['c3', 'c4', 'c5'] as const },
    { zone: 'UTC', expected: ['c3', 'c4'] as const },
  ])('the period is read in the policy zone ($zone)', async ({ zone, expected }) => {
    const { filter } = parseChangeListQuery({ from: '2026-03-01', to: '2026-03-31' }, zone);
    expect(await titles(viewer, { ...everything, ...filter })).toEqual(named(...expected));
  });
});

describe('listChanges search', async () => {
  const tag = uniqueWord();
  const team = await createTeam();
  const author = await createUser({ teamId: team.id });
  const make = (title: string, description = '') => createChangeRow({ teamId: team.id, authorId: author.id, title: `${title} ${tag}`, description });
  const redis = await make('Resize Redis cluster for checkout');
  const described = await make('Tune the pool', 'Connection pool exhaustion during the REDIS failover drill.');
  const percent = await make('Roll out to 100% of users');
  const thousand = await make('Roll out to 1000 users');
  const other = await make('Rotate keys');

  const found = async (...terms: string[]) => titles(null, { terms: [word(tag), ...terms.map(word)] });

  test('finds title words in any order and case', async () => {
    expect(await found('CLUSTER', 'redis')).toEqual([redis.title]);
  });

  test('finds description words', async () => {
    expect(await found('failover')).toEqual([described.title]);
    expect(await found('redis')).toEqual([redis.title, described.title].sort());
  });

  test('treats LIKE wildcards as text', async () => {
    expect(await found('100%')).toEqual([percent.title]);
    expect(await found('1_00')).toEqual([]);
    expect(await found('roll')).toEqual([percent.title, thousand.title].sort());
  });

  test('finds a change by its CHG reference', async () => {
    const { terms } = parseChangeListQuery({ q: `chg-${other.number}` }, 'UTC').filter;
    const { items } = await listChanges(null, { terms });
    expect(items.map((item) => item.id)).toEqual([other.id]);
  });
});

describe('listChanges visibility', async () => {
  const tag = uniqueWord();
  const [ownTeam, otherTeam] = await Promise.all([createTeam(), createTeam()]);
  const [viewer, teammate, outsider] = await Promise.all([createUser({ teamId: ownTeam.id }), createUser({ teamId: ownTeam.id }), createUser({ teamId: otherTeam.id })]);
  const draft = (title: string, author: Actor) => createChangeRow({ title: `${tag} ${title}`, teamId: author.teamId!, authorId: author.id, status: 'draft' });
  const own = await draft('own draft', viewer);
  const teammates = await draft('teammate draft', teammate);
  const others = await draft('other team draft', outsider);
  // Filed for another team: the author sees it, the other team's members do too.
  const filedForOthers = await createChangeRow({ title: `${tag} draft for another team`, teamId: otherTeam.id, authorId: viewer.id, status: 'draft' });
  const submitted = await createChangeRow({ title: `${tag} submitted`, teamId: otherTeam.id, authorId: outsider.id, status: 'submitted' });

  test("drafts of other teams never appear; one's own and one's team's do", async () => {
    expect(await titles(viewer, { terms: [word(tag)] })).toEqual([own, teammates, filedForOthers, submitted].map((change) => change.title).sort());
    expect(await titles(viewer, { terms: [word(tag)], status: 'draft' })).toEqual([own, teammates, filedForOthers].map((change) => change.title).sort());
    expect(await titles(outsider, { terms: [word(tag)] })).toEqual([others, filedForOthers, submitted].map((change) => change.title).sort());
  });

  test('a service token sees no drafts at all', async () => {
    expect(await titles(null, { terms: [word(tag)] })).toEqual([submitted.title]);
  });
});

describe('listChanges pagination', async () => {
  const team = await createTeam();
  const author = await createUser({ teamId: team.id });
  const base = Date.parse('2026-06-01T09:00:00.000Z');
  // 61 changes on 9 distinct instants, filed out of time order: ties everywhere, numbers unordered by time.
  const created = await Promise.all(Array.from({ length: 61 }, (_, index) =>
    createChangeRow({ teamId: team.id, authorId: author.id, createdAt: new Date(base + ((index * 7) % 9) * 60_000) })));
  const expected = [...created].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.number - a.number).map((change) => change.id);
  const filter = { teamId: team.id };

  async function walk(first: ChangeList, step: (page: ChangeList) => Promise<ChangeList | undefined>) {
    const pages = [first];
    for (let next = await step(first); next; next = await step(next)) pages.push(next);
    return pages;
  }

  test('older pages return every row exactly once, in (created, number) order, then stop', async () => {
    const pages = await walk(await listChanges(author, filter), (page) => (page.older ? listChanges(author, filter, { before: page.older }) : Promise.resolve(undefined)));
    expect(pages.map((page) => page.items.length)).toEqual([25, 25, 11]);
    expect(pages.flatMap((page) => page.items.map((item) => item.id))).toEqual(expected);
    expect(pages[0]!.newer).toBeUndefined();
    expect(pages[2]!.older).toBeUndefined();
  });

  test('newer pages lead back through the same pages to a full first page', async () => {
    const forward = await walk(await listChanges(author, filter), (page) => (page.older ? listChanges(author, filter, { before: page.older }) : Promise.resolve(undefined)));
    const backward = await walk(forward.at(-1)!, (page) => (page.newer ? listChanges(author, filter, { after: page.newer }) : Promise.resolve(undefined)));
    expect(backward.map((page) => page.items.map((item) => item.id))).toEqual(forward.map((page) => page.items.map((item) => item.id)).reverse());
    expect(backward.at(-1)!.newer).toBeUndefined();
  });
});
