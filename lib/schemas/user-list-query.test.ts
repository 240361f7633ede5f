import { describe, expect, test } from 'vitest';
import { parseUserListQuery } from './user-list-query';

const TEAM = '00000000-0000-4000-8000-0000000000aa';

describe('parseUserListQuery', () => {
  test.each([
    { label: 'nothing: every user, first page', params: {}, filter: {}, page: 1, problems: {} },
    { label: 'text, trimmed', params: { q: '  ada ' }, filter: { text: 'ada' }, page: 1, problems: {} },
    { label: 'a role and a status', params: { role: 'auditor', status: 'disabled' }, filter: { role: 'auditor', isActive: false }, page: 1, problems: {} },
    { label: 'a team', params: { team: TEAM, page: '3' }, filter: { teamId: TEAM }, page: 3, problems: {} },
    { label: 'people in no team', params: { team: 'none' }, filter: { teamId: null }, page: 1, problems: {} },
    { label: 'the first of repeated values', params: { role: ['manager', 'admin'] }, filter: { role: 'manager' }, page: 1, problems: {} },
    { label: 'an unknown role is dropped and named', params: { role: 'root' }, filter: {}, page: 1, problems: { role: 'Not one of the roles.' } },
    { label: 'a team that is no id', params: { team: 'payments' }, filter: {}, page: 1, problems: { team: 'Not one of the teams.' } },
    { label: 'page 0', params: { page: '0' }, filter: {}, page: 1, problems: { page: 'Showing the first page: "0" is not a page number.' } },
    { label: 'a page that is no number', params: { page: '2abc' }, filter: {}, page: 1, problems: { page: 'Showing the first page: "2abc" is not a page number.' } },
    { label: 'a page past any list', params: { page: '10001' }, filter: {}, page: 1, problems: { page: 'Showing the first page: "10001" is not a page number.' } },
  ])('$label', ({ params, filter, page, problems }) => {
    const query = parseUserListQuery(params);
    expect(query.filter).toEqual(filter);
    expect(query.page).toBe(page);
    expect(query.problems).toEqual(problems);
  });

  test('text over 200 characters is refused, not cut', () => {
    expect(parseUserListQuery({ q: 'x'.repeat(201) })).toMatchObject({ filter: {}, problems: { q: 'Search for at most 200 characters.' } });
  });
});
