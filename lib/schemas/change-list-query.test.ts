import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { decodeCursor, encodeCursor, parseChangeListQuery, parseSearch } from '@/lib/schemas/change-list-query';

const TEAM = '0192f0a4-7b1c-7d2e-8f3a-4b5c6d7e8f90';

describe('parseChangeListQuery', () => {
  test('reads every filter; blank fields (a GET form\'s "Any") count as absent', () => {
    const query = parseChangeListQuery({ status: 'approved', class: 'major', team: TEAM.toUpperCase(), service: '', author: '  ', q: 'redis cluster' }, 'UTC');
    expect(query.filter).toMatchObject({ status: 'approved', changeClass: 'major', teamId: TEAM, terms: [{ text: 'redis', changeNumber: null }, { text: 'cluster', changeNumber: null }] });
    expect(query.filter.serviceId).toBeUndefined();
    expect(query.filter.authorId).toBeUndefined();
    expect(query.values).toEqual({ status: 'approved', class: 'major', team: TEAM, q: 'redis cluster' });
    expect(query.problems).toEqual([]);
  });

  test.each([
    { label: 'an unknown status', params: { status: 'done' }, problem: 'Ignored the status filter: "done" is not one of the choices.' },
    { label: 'an unknown class', params: { class: 'urgent' }, problem: 'Ignored the class filter: "urgent" is not one of the choices.' },
    { label: 'a team that is no id', params: { team: 'payments' }, problem: 'Ignored the team filter: "payments" is not one of the choices.' },
    { label: 'a date that does not exist', params: { from: '2026-02-30' }, problem: 'Ignored "Filed from": "2026-02-30" is not a date like 2026-03-06.' },
    { label: 'a date past the calendar the list can bound', params: { to: '9999-12-31' }, problem: 'Ignored "Filed to": "9999-12-31" is not a date like 2026-03-06.' },
    { label: 'a period that ends before it starts', params: { from: '2026-03-10', to: '2026-03-01' }, problem: 'Ignored the period: it ends before it starts.' },
    { label: 'a broken page link', params: { before: 'CHG-12' }, problem: 'That page link was not understood; showing the newest changes.' },
    { label: 'short search words', params: { q: 'db migration to v2' }, problem: 'Search words need at least 3 characters; ignored "db", "to", "v2".' },
  ])('$label is ignored with a message', ({ params, problem }) => {
    const query = parseChangeListQuery(params, 'UTC');
    expect(query.problems).toEqual([problem]);
    expect(query.page).toEqual({});
    expect(Object.values(query.filter).filter((value) => value !== undefined && !Array.isArray(value))).toEqual([]);
  });

  test('the period names whole local days in the policy zone, both ends included', () => {
    const { filter, values } = parseChangeListQuery({ from: '2026-03-01', to: '2026-03-31' }, 'America/New_York');
    // EST until 8 March, EDT after: the end is midnight at the start of 1 April, EDT.
    expect(filter.createdFrom?.toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(filter.createdBefore?.toISOString()).toBe('2026-04-01T04:00:00.000Z');
    expect(values).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  test('control characters in the search become spaces (PostgreSQL refuses NUL in text)', () => {
    expect(parseChangeListQuery({ q: 'abc\u0000def\u0007ghi' }, 'UTC').filter.terms?.map((term) => term.text)).toEqual(['abc', 'def', 'ghi']);
  });

  test('a repeated parameter uses its first value', () => {
    expect(parseChangeListQuery({ status: ['draft', 'closed'] }, 'UTC').filter.status).toBe('draft');
  });

  test('a page goes one way: before wins over after', () => {
    const before = { createdAt: new Date('2026-03-06T15:00:00.000Z'), number: 42 };
    const query = parseChangeListQuery({ before: encodeCursor(before), after: encodeCursor({ ...before, number: 7 }) }, 'UTC');
    expect(query.page).toEqual({ before });
  });

  test('no query parameter ever throws', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('status', 'class', 'team', 'service', 'author', 'from', 'to', 'q', 'before', 'after'), fc.oneof(fc.string(), fc.array(fc.string()))), (params) => {
        const query = parseChangeListQuery(params, 'Europe/London');
        expect(Array.isArray(query.problems)).toBe(true);
      }),
    );
  });
});

describe('parseSearch', () => {
  test('CHG references name a change; words are lowercased and deduplicated', () => {
    expect(parseSearch('  Rotate CHG-123 rotate chg-9 ')).toEqual({
      terms: [{ text: 'rotate', changeNumber: null }, { text: 'chg-123', changeNumber: 123 }, { text: 'chg-9', changeNumber: 9 }],
      ignored: [],
    });
  });
});

describe('cursors', () => {
  test('round-trip through the URL form', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 1, max: 999_999_999 }), (createdAt, number) => {
        expect(decodeCursor(encodeCursor({ createdAt, number }))).toEqual({ createdAt, number });
      }),
    );
  });

  test.each(['', '12', '12_', '_12', '-1_2', '1.5_2', '1_2_3', `${'9'.repeat(16)}_1`])('%j is refused', (value) => {
    expect(decodeCursor(value)).toBeUndefined();
  });
});
