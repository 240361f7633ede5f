import { describe, expect, test } from 'vitest';
import { canAdminister, canEditFreezeCalendar, canFileChange, canManageMigrationPlans, canManageServiceTokens, canViewChange, type Actor, type Role } from '@/lib/policy/permissions';
import { canCommandIncident, canDeclareIncident, canManageIncident } from '@/lib/policy/permissions';
import { canImportFlags, canImportFlagsFor } from '@/lib/policy/permissions';
import { canCreateFlagFor, canEditFlag } from '@/lib/policy/permissions';

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

describe('canManageMigrationPlans', () => {
  const change = { authorId: 'author', coAuthorIds: ['co-author'], teamId: TEAM_A };
  test.each([
    { label: 'the author', who: actor('engineer', { id: 'author', teamId: TEAM_B }), expected: true },
    { label: 'a co-author from another team', who: actor('engineer', { id: 'co-author', teamId: TEAM_B }), expected: true },
    { label: "an engineer of the change's team", who: actor('engineer', { id: 'mate' }), expected: true },
    { label: "another team's engineer", who: actor('engineer', { id: 'other', teamId: TEAM_B }), expected: false },
    { label: 'an engineer without a team', who: actor('engineer', { id: 'other', teamId: null }), expected: false },
    { label: "another team's manager", who: actor('manager', { teamId: TEAM_B }), expected: true },
    { label: "an auditor, even in the change's team", who: actor('auditor'), expected: false },
    { label: "an administrator of another team", who: actor('admin', { teamId: TEAM_B }), expected: false },
    { label: 'a disabled author', who: actor('engineer', { id: 'author', isActive: false }), expected: false },
  ])('$label: $expected', ({ who, expected }) => {
    expect(canManageMigrationPlans(who, change)).toBe(expected);
  });
});

describe('canEditFreezeCalendar', () => {
  test.each([
    { label: 'a manager edits the freeze calendar', who: actor('manager'), expected: true },
    { label: 'an admin edits it', who: actor('admin'), expected: true },
    { label: 'an engineer only reads it', who: actor('engineer'), expected: false },
    { label: 'a Staff+ engineer only reads it', who: actor('engineer', { isStaffPlus: true }), expected: false },
    { label: 'an auditor only reads it', who: actor('auditor'), expected: false },
    { label: 'a disabled manager cannot', who: actor('manager', { isActive: false }), expected: false },
  ])('$label', ({ who, expected }) => {
    expect(canEditFreezeCalendar(who)).toBe(expected);
  });
});

describe('incidents', () => {
  test.each([
    { label: 'an engineer on call declares', who: actor('engineer'), expected: true },
    { label: 'a manager declares', who: actor('manager'), expected: true },
    { label: 'an admin declares', who: actor('admin'), expected: true },
    { label: 'an auditor only reads', who: actor('auditor'), expected: false },
    { label: 'a disabled engineer cannot', who: actor('engineer', { isActive: false }), expected: false },
  ])('canDeclareIncident: $label', ({ who, expected }) => {
    expect(canDeclareIncident(who)).toBe(expected);
  });

  const incident = { commanderId: 'the-ic' };
  test.each([
    { label: 'the commander (an engineer) manages it', who: actor('engineer', { id: 'the-ic' }), expected: true },
    { label: 'another engineer only reads it', who: actor('engineer'), expected: false },
    { label: 'a Staff+ engineer who is not the IC only reads it', who: actor('engineer', { isStaffPlus: true }), expected: false },
    { label: 'any manager manages it', who: actor('manager', { teamId: TEAM_B }), expected: true },
    { label: 'an admin manages it', who: actor('admin'), expected: true },
    { label: 'an auditor only reads it', who: actor('auditor'), expected: false },
    { label: 'a commander since demoted to auditor only reads it', who: actor('auditor', { id: 'the-ic' }), expected: false },
    { label: 'a disabled commander cannot', who: actor('engineer', { id: 'the-ic', isActive: false }), expected: false },
    { label: 'a disabled manager cannot', who: actor('manager', { isActive: false }), expected: false },
  ])('canManageIncident: $label', ({ who, expected }) => {
    expect(canManageIncident(who, incident)).toBe(expected);
  });

  test.each([
    { label: 'an engineer may command', who: { role: 'engineer' as Role, isActive: true }, expected: true },
    { label: 'a manager may command', who: { role: 'manager' as Role, isActive: true }, expected: true },
    { label: 'an admin may command', who: { role: 'admin' as Role, isActive: true }, expected: true },
    { label: 'an auditor may not', who: { role: 'auditor' as Role, isActive: true }, expected: false },
    { label: 'a disabled engineer may not', who: { role: 'engineer' as Role, isActive: false }, expected: false },
  ])('canCommandIncident: $label', ({ who, expected }) => {
    expect(canCommandIncident(who)).toBe(expected);
  });
});

describe('flag import', () => {
  test.each([
    { label: 'an engineer imports flags of their team', who: actor('engineer', { teamId: TEAM_A }), team: TEAM_A, expected: true },
    { label: 'a manager imports flags of their team', who: actor('manager', { teamId: TEAM_A }), team: TEAM_A, expected: true },
    { label: 'an engineer may not import another team’s flags', who: actor('engineer', { teamId: TEAM_A }), team: TEAM_B, expected: false },
    { label: 'a manager may not import another team’s flags', who: actor('manager', { teamId: TEAM_B }), team: TEAM_A, expected: false },
    { label: 'an engineer without a team imports nothing', who: actor('engineer', { teamId: null }), team: TEAM_A, expected: false },
    { label: 'an auditor of the team never imports', who: actor('auditor', { teamId: TEAM_A }), team: TEAM_A, expected: false },
    { label: 'an admin imports the flags of the team they belong to', who: actor('admin', { teamId: TEAM_A }), team: TEAM_A, expected: true },
    { label: 'an admin does not import another team’s flags', who: actor('admin', { teamId: TEAM_B }), team: TEAM_A, expected: false },
    { label: 'an admin of no team imports nothing', who: actor('admin', { teamId: null }), team: TEAM_A, expected: false },
    { label: 'a disabled engineer cannot', who: actor('engineer', { teamId: TEAM_A, isActive: false }), team: TEAM_A, expected: false },
  ])('canImportFlagsFor: $label', ({ who, team, expected }) => {
    expect(canImportFlagsFor(who, team)).toBe(expected);
    // The page opens to whoever may import for their own team.
    expect(canImportFlags(who)).toBe(canImportFlagsFor(who, who.teamId ?? TEAM_A) && who.teamId !== null);
  });
});

describe('flag inventory', () => {
  const OWNER = '00000000-0000-4000-8000-00000000f1a9';
  const flag = { teamId: TEAM_A, ownerId: OWNER };
  test.each([
    { label: 'an engineer of the flag’s team edits it', who: actor('engineer', { teamId: TEAM_A }), expected: true },
    { label: 'its owner edits it from another team', who: actor('engineer', { id: OWNER, teamId: TEAM_B }), expected: true },
    { label: 'a manager of another team edits it', who: actor('manager', { teamId: TEAM_B }), expected: true },
    { label: 'an engineer of another team may not', who: actor('engineer', { teamId: TEAM_B }), expected: false },
    { label: 'an auditor of the team only reads', who: actor('auditor', { teamId: TEAM_A }), expected: false },
    { label: 'an auditor who owns it only reads', who: actor('auditor', { id: OWNER, teamId: TEAM_A }), expected: false },
    { label: 'an admin of no team does not edit a team’s flag', who: actor('admin', { teamId: null }), expected: false },
    { label: 'a disabled owner may not', who: actor('engineer', { id: OWNER, teamId: TEAM_A, isActive: false }), expected: false },
  ])('canEditFlag: $label', ({ who, expected }) => {
    expect(canEditFlag(who, flag)).toBe(expected);
  });

  test.each([
    { label: 'an engineer adds a flag to their team', who: actor('engineer', { teamId: TEAM_A }), expected: true },
    { label: 'a manager adds a flag to any team', who: actor('manager', { teamId: TEAM_B }), expected: true },
    { label: 'an engineer may not add to another team', who: actor('engineer', { teamId: TEAM_B }), expected: false },
    { label: 'an engineer of no team adds nothing', who: actor('engineer', { teamId: null }), expected: false },
    { label: 'an auditor adds nothing', who: actor('auditor', { teamId: TEAM_A }), expected: false },
  ])('canCreateFlagFor: $label', ({ who, expected }) => {
    expect(canCreateFlagFor(who, TEAM_A)).toBe(expected);
  });
});
