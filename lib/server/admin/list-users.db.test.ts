import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { listUsers } from '@/lib/server/admin/queries';
import { USERS_PER_PAGE } from '@/lib/schemas/user-list-query';
import { createTeam, createUser, uniqueSuffix } from '@/prisma/factories';

afterAll(() => db.$disconnect());

describe('listUsers', () => {
  test('pages through every match once, active first and then by name, each page one row short of a count', async () => {
    const tag = `pager${uniqueSuffix()}`;
    const team = await createTeam();
    // Two pages and a bit: names out of order, a few disabled, and one without a name (sorts last).
    const made = await Promise.all(Array.from({ length: USERS_PER_PAGE + 7 }, (_, index) =>
      createUser({ name: index === 3 ? undefined : `${tag} ${String((index * 37) % 100).padStart(2, '0')}`, email: `${tag}-${index}@changeboard.test`, isActive: index % 9 !== 0, teamId: team.id })));
    const first = await listUsers({ text: tag }, 1);
    const second = await listUsers({ text: tag }, 2);
    const third = await listUsers({ text: tag }, 3);
    expect(first).toMatchObject({ hasMore: true });
    expect(first.users).toHaveLength(USERS_PER_PAGE);
    expect(second).toMatchObject({ hasMore: false });
    expect(third).toEqual({ users: [], hasMore: false });
    const listed = [...first.users, ...second.users];
    expect(listed.map((user) => user.id).sort()).toEqual(made.map((user) => user.id).sort());
    // Active first; within each, by name (nameless last), then email.
    const key = (user: (typeof listed)[number]) => [user.isActive ? 0 : 1, user.name ?? '\uffff', user.email] as const;
    const sorted = [...listed].sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || (x[2] < y[2] ? -1 : 1);
    });
    expect(listed.map((user) => user.email)).toEqual(sorted.map((user) => user.email));
  });

  test('filters by name or email (any case), role, team or none, and status', async () => {
    const tag = `finder${uniqueSuffix()}`;
    const team = await createTeam();
    const ada = await createUser({ name: `Ada ${tag}`, email: `ada-${tag}@changeboard.test`, role: 'manager', teamId: team.id });
    const bob = await createUser({ name: `Bob ${tag}`, email: `bob-${tag}@changeboard.test`, role: 'auditor' });
    const cy = await createUser({ name: `Cy ${tag}`, email: `cy-${tag.toUpperCase()}@changeboard.test`, isActive: false, teamId: team.id });
    const emails = async (filter: Parameters<typeof listUsers>[0]) => (await listUsers(filter, 1)).users.map((user) => user.email).sort();
    expect(await emails({ text: tag.toUpperCase() })).toEqual([ada.email, bob.email, cy.email].sort());
    expect(await emails({ text: `ada-${tag}` })).toEqual([ada.email]);
    expect(await emails({ text: tag, role: 'auditor' })).toEqual([bob.email]);
    expect(await emails({ text: tag, teamId: team.id })).toEqual([ada.email, cy.email].sort());
    expect(await emails({ text: tag, teamId: null })).toEqual([bob.email]);
    expect(await emails({ text: tag, isActive: false })).toEqual([cy.email]);
    // Wildcards of LIKE are text here: a search for "…%" or "…_" means those characters.
    expect(await emails({ text: `${tag}%` })).toEqual([]);
    expect(await emails({ text: `${tag.slice(0, -1)}_` })).toEqual([]);
  });
});
