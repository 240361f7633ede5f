// Property tests of who may do what (lib/policy/permissions.ts): arbitrary actors never throw, and the
// invariants hold for every combination of role, activity, team and ownership.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  ROLES, canAdminister, canCommandIncident, canCreateFlagFor, canDeclareIncident, canEditFlag, canEditFreezeCalendar, canFileChange, canImportFlags,
  canImportFlagsFor, canManageIncident, canManageMigrationPlans, canManageOwnTokens, canManageServiceTokens, canReadAuditTrail, canViewChange, type Actor,
} from '@/lib/policy/permissions';

const ids = fc.constantFrom('u1', 'u2', 'u3');
const teams = fc.constantFrom('t1', 't2');
const actor: fc.Arbitrary<Actor> = fc.record({ id: ids, role: fc.constantFrom(...ROLES), isStaffPlus: fc.boolean(), isActive: fc.boolean(), teamId: fc.option(teams, { nil: null }) });
const change = fc.record({ status: fc.constantFrom('draft', 'submitted', 'approved', 'rejected', 'cancelled', 'closed'), authorId: ids, teamId: teams });

/** Every write permission of an actor, against arbitrary records. */
function writes(person: Actor, teamId: string, ownerId: string): boolean[] {
  return [
    canFileChange(person), canAdminister(person), canManageServiceTokens(person), canEditFreezeCalendar(person), canDeclareIncident(person),
    canManageIncident(person, { commanderId: ownerId }), canManageMigrationPlans(person, { authorId: ownerId, coAuthorIds: [ownerId], teamId }),
    canImportFlagsFor(person, teamId), canImportFlags(person), canCreateFlagFor(person, teamId), canEditFlag(person, { teamId, ownerId }), canCommandIncident(person),
  ];
}

describe('permissions', () => {
  test('an inactive person may do nothing that writes, whatever their role or team', () => {
    fc.assert(fc.property(actor, teams, ids, (person, teamId, ownerId) => {
      expect(writes({ ...person, isActive: false }, teamId, ownerId).every((allowed) => !allowed)).toBe(true);
      expect(canManageOwnTokens({ ...person, isActive: false })).toBe(false);
      expect(canReadAuditTrail({ ...person, isActive: false })).toBe(false);
    }));
  });

  test('an auditor only reads: every write permission is refused', () => {
    fc.assert(fc.property(actor, teams, ids, (person, teamId, ownerId) => {
      expect(writes({ ...person, role: 'auditor' }, teamId, ownerId).every((allowed) => !allowed)).toBe(true);
    }));
  });

  test('only an active admin administers or mints service tokens', () => {
    fc.assert(fc.property(actor, (person) => {
      expect(canAdminister(person)).toBe(person.isActive && person.role === 'admin');
      expect(canManageServiceTokens(person)).toBe(canAdminister(person));
    }));
  });

  test('a draft is visible only to its author and its team, never to a service token; anything else to everyone', () => {
    fc.assert(fc.property(fc.option(actor, { nil: null }), change, (viewer, subject) => {
      const visible = canViewChange(viewer, subject);
      if (subject.status !== 'draft') expect(visible).toBe(true);
      else expect(visible).toBe(viewer !== null && (viewer.id === subject.authorId || viewer.teamId === subject.teamId));
    }));
  });

  test('flags are imported only for the importer’s own team', () => {
    fc.assert(fc.property(actor, teams, (person, teamId) => {
      if (canImportFlagsFor(person, teamId)) expect(person.teamId).toBe(teamId);
    }));
  });
});
