import { describe, expect, test } from 'vitest';
import { canAdminister, canFileChange, canManageServiceTokens, canViewChange, type Actor, type Role } from '@/lib/policy/permissions';

const TEAM_A = '00000000-0000-0000-0000-00000000000a';
const TEAM_B = '00000000-0000-0000-0000-00000000000b';

function actor(role: Role, overrides: Partial<Actor> = {}): Actor {
  return { id: `user-${role}`, role, isStaffPlus: false, isActive: true, teamId: TEAM_A, ...overrides };
}

describe('canFileChange', () => {
  test.each([
    { label: 'engineer files', who: actor('engineer'), expected: true },
    { label: 'manager files', who: actor('manager'), expected: true },
    { label: 'admin files', who: actor('admin'), expected: true },
    { label: 'auditor is read-only', who: actor('auditor'), expected: false },
    { label: 'disabled engineer cannot', who: actor('engineer', { isActive: false }), expected: false },
  ])('$label', ({ who, expected }) => {
    expect(canFileChange(who)).toBe(expected);
  });
});

describe('canViewChange', () => {
  const draftOf = (authorId: string, teamId: string) => ({ status: 'draft', authorId, teamId });
  test.each([
    { label: 'author sees own draft', who: actor('engineer', { teamId: TEAM_B }), change: draftOf('user-engineer', TEAM_A), expected: true },
    { label: 'team mate sees team draft', who: actor('engineer', { id: 'other' }), change: draftOf('user-x', TEAM_A), expected: true },
    { label: 'other team does not see draft', who: actor('engineer', { teamId: TEAM_B }), change: draftOf('user-x', TEAM_A), expected: false },
    { label: 'user without team does not see draft', who: actor('auditor', { teamId: null }), change: draftOf('user-x', TEAM_A), expected: false },
    { label: 'everyone sees a submitted change', who: actor('auditor', { teamId: null }), change: { status: 'submitted', authorId: 'user-x', teamId: TEAM_A }, expected: true },
    { label: 'a service token (no person) does not see a draft', who: null, change: draftOf('user-x', TEAM_A), expected: false },
    { label: 'a service token sees a submitted change', who: null, change: { status: 'submitted', authorId: 'user-x', teamId: TEAM_A }, expected: true },
  ])('$label', ({ who, change, expected }) => {
    expect(canViewChange(who, change)).toBe(expected);
  });
});

describe('administration', () => {
  test.each([
    { role: 'admin' as const, active: true, expected: true },
    { role: 'admin' as const, active: false, expected: false },
    { role: 'manager' as const, active: true, expected: false },
    { role: 'auditor' as const, active: true, expected: false },
    { role: 'engineer' as const, active: true, expected: false },
  ])('$role (active: $active) administers: $expected', ({ role, active, expected }) => {
    const who = actor(role, { isActive: active });
    expect(canAdminister(who)).toBe(expected);
    expect(canManageServiceTokens(who)).toBe(expected);
  });
});
