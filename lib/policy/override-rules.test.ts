import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CHANGE_STATUSES, type ChangeStatus } from '@/lib/policy/change-class';
import { ROLES, type Actor } from '@/lib/policy/permissions';
import {
  justificationProblem, latestOverrideExpiry, overrideExpiryProblem, overrideGrantDecision, overrideState, requesterProblem, revokeRefusal,
  type FixedIncident, type OverrideSubject,
} from '@/lib/policy/override-rules';
import { isExceptionOverdue } from '@/lib/policy/exception-log';

const AT = new Date('2026-11-24T10:00:00Z');
const HOUR = 3_600_000;
const hours = (count: number) => new Date(AT.getTime() + count * HOUR);

const person = (id: string, role: Actor['role'] = 'engineer', extra: Partial<Actor> = {}): Actor => ({ id, role, isStaffPlus: false, isActive: true, teamId: null, ...extra });
const MANAGER = person('manager', 'manager');
const IC = person('ic');
const ENGINEER = person('engineer');
const change = (extra: Partial<OverrideSubject> = {}): OverrideSubject => ({ status: 'approved', authorId: 'author', coAuthorIds: ['co-author'], ...extra });
const incident = (extra: Partial<FixedIncident> = {}): FixedIncident => ({ id: 'inc-1', reference: 'INC-1', commanderId: 'ic', severity: 'sev1', startedAt: hours(-2), resolvedAt: null, ...extra });

describe('overrideGrantDecision', () => {
  test.each([
    { label: 'a manager grants a calendar-only override', actor: MANAGER, subject: change(), incidents: [], expected: { allowed: true, incidentId: null } },
    { label: 'the IC of an active SEV1 this change fixes grants one that lifts it', actor: IC, subject: change(), incidents: [incident()], expected: { allowed: true, incidentId: 'inc-1' } },
    { label: 'the IC of an active SEV2 too', actor: IC, subject: change(), incidents: [incident({ severity: 'sev2' })], expected: { allowed: true, incidentId: 'inc-1' } },
    { label: 'a manager who is the IC grants the incident kind', actor: person('ic', 'manager'), subject: change(), incidents: [incident()], expected: { allowed: true, incidentId: 'inc-1' } },
    { label: 'a manager commanding a resolved incident still grants calendar-only', actor: person('ic', 'manager'), subject: change(), incidents: [incident({ resolvedAt: hours(-1) })], expected: { allowed: true, incidentId: null } },
    { label: 'the most severe active incident is the one lifted', actor: IC, subject: change(), incidents: [incident({ id: 'inc-2', severity: 'sev2', startedAt: hours(-5) }), incident({ id: 'inc-3' })], expected: { allowed: true, incidentId: 'inc-3' } },
    { label: 'a submitted change can get one', actor: MANAGER, subject: change({ status: 'submitted' }), incidents: [], expected: { allowed: true, incidentId: null } },
    { label: 'a deployed change can get one (a follow-up deploy)', actor: MANAGER, subject: change({ status: 'deployed' }), incidents: [], expected: { allowed: true, incidentId: null } },
  ])('$label', ({ actor, subject, incidents, expected }) => {
    expect(overrideGrantDecision(actor, subject, incidents, AT)).toEqual(expected);
  });

  test.each([
    { label: 'a service token', actor: null, subject: change(), incidents: [], code: 'SERVICE_TOKEN' },
    { label: 'a disabled manager', actor: person('m', 'manager', { isActive: false }), subject: change(), incidents: [], code: 'INACTIVE' },
    { label: 'an auditor', actor: person('a', 'auditor'), subject: change(), incidents: [], code: 'READ_ONLY' },
    { label: 'the author, even as a manager', actor: person('author', 'manager'), subject: change(), incidents: [], code: 'OWN_CHANGE' },
    { label: 'a co-author, even as the IC', actor: person('co-author'), subject: change(), incidents: [incident({ commanderId: 'co-author' })], code: 'OWN_CHANGE' },
    { label: 'an engineer', actor: ENGINEER, subject: change(), incidents: [incident()], code: 'NOT_MANAGER_OR_COMMANDER' },
    { label: 'an admin who commands nothing', actor: person('admin', 'admin'), subject: change(), incidents: [], code: 'NOT_MANAGER_OR_COMMANDER' },
    { label: 'the IC of a resolved incident', actor: IC, subject: change(), incidents: [incident({ resolvedAt: hours(-1) })], code: 'INCIDENT_NOT_ACTIVE' },
    { label: 'the IC at the very instant of resolution (half-open)', actor: IC, subject: change(), incidents: [incident({ resolvedAt: AT })], code: 'INCIDENT_NOT_ACTIVE' },
    { label: 'the IC before the incident started', actor: IC, subject: change(), incidents: [incident({ startedAt: hours(1) })], code: 'INCIDENT_NOT_ACTIVE' },
    { label: 'the IC of an active SEV3 (it blocks nothing)', actor: IC, subject: change(), incidents: [incident({ severity: 'sev3' })], code: 'INCIDENT_NOT_ACTIVE' },
    { label: 'a draft', actor: MANAGER, subject: change({ status: 'draft' }), incidents: [], code: 'CHANGE_NOT_OVERRIDABLE' },
    { label: 'a cancelled change', actor: MANAGER, subject: change({ status: 'cancelled' }), incidents: [], code: 'CHANGE_NOT_OVERRIDABLE' },
    { label: 'a closed change', actor: MANAGER, subject: change({ status: 'closed' }), incidents: [], code: 'CHANGE_NOT_OVERRIDABLE' },
    { label: 'a rejected change', actor: MANAGER, subject: change({ status: 'rejected' }), incidents: [], code: 'CHANGE_NOT_OVERRIDABLE' },
  ])('refuses $label', ({ actor, subject, incidents, code }) => {
    const decision = overrideGrantDecision(actor, subject, incidents, AT);
    expect(decision).toMatchObject({ allowed: false, code, reason: { control: 'CTRL-012.2', code } });
  });

  test('property: never grantable by an author or co-author, whatever their role, incidents or the instant', () => {
    const id = fc.constantFrom('a', 'b', 'c', 'd');
    const arbitraryIncident = fc.record({
      id: fc.uuid(), commanderId: id, severity: fc.constantFrom('sev1', 'sev2', 'sev3', 'sev4' as const),
      startedAt: fc.date({ noInvalidDate: true }), resolvedAt: fc.option(fc.date({ noInvalidDate: true }), { nil: null }),
    });
    fc.assert(fc.property(
      id, fc.constantFrom(...ROLES), fc.boolean(), fc.uniqueArray(id, { maxLength: 3 }), fc.constantFrom<ChangeStatus>(...CHANGE_STATUSES),
      fc.array(arbitraryIncident, { maxLength: 4 }), fc.date({ noInvalidDate: true }), fc.boolean(),
      (actorId, role, isStaffPlus, coAuthorIds, status, incidents, at, isAuthor) => {
        const subject: OverrideSubject = isAuthor ? { status, authorId: actorId, coAuthorIds } : { status, authorId: 'someone-else', coAuthorIds: [...new Set([...coAuthorIds, actorId])] };
        const decision = overrideGrantDecision(person(actorId, role, { isStaffPlus }), subject, incidents, at);
        expect(decision.allowed).toBe(false);
      },
    ));
  });

  test('property: an allowed grant names an incident only when the grantor commands it', () => {
    fc.assert(fc.property(fc.constantFrom(...ROLES), fc.constantFrom('ic', 'other'), fc.date({ min: hours(-10), max: hours(10), noInvalidDate: true }), (role, commanderId, at) => {
      const decision = overrideGrantDecision(person('ic', role), change(), [incident({ commanderId, resolvedAt: hours(1) })], at);
      if (decision.allowed && decision.incidentId) expect(commanderId).toBe('ic');
    }));
  });
});

describe('overrideExpiryProblem', () => {
  test.each([
    { label: 'one hour is fine', expiresAt: hours(1), code: null },
    { label: 'exactly the maximum is fine (closed bound)', expiresAt: hours(24), code: null },
    { label: 'a millisecond beyond the maximum is too late', expiresAt: new Date(hours(24).getTime() + 1), code: 'EXPIRY_TOO_LATE' },
    { label: 'now is not in the future', expiresAt: AT, code: 'EXPIRY_NOT_FUTURE' },
    { label: 'the past is refused', expiresAt: hours(-1), code: 'EXPIRY_NOT_FUTURE' },
    { label: 'an invalid date is refused', expiresAt: new Date(Number.NaN), code: 'EXPIRY_INVALID' },
  ])('$label', ({ expiresAt, code }) => {
    expect(overrideExpiryProblem(AT, expiresAt, 24)?.code ?? null).toBe(code);
  });

  test('the maximum follows the policy settings', () => {
    expect(overrideExpiryProblem(AT, hours(30), 48)).toBeNull();
    expect(overrideExpiryProblem(AT, hours(5), 4)).toMatchObject({ control: 'CTRL-012.2', code: 'EXPIRY_TOO_LATE', message: expect.stringContaining('4 hours') });
    expect(latestOverrideExpiry(AT, 4)).toEqual(hours(4));
  });

  test('property: any expiry inside (grantedAt, grantedAt + max] is accepted', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 168 }), fc.double({ min: 0, max: 1, noNaN: true, minExcluded: true }), (maxHours, fraction) => {
      const expiresAt = new Date(AT.getTime() + Math.max(1, Math.floor(maxHours * HOUR * fraction)));
      expect(overrideExpiryProblem(AT, expiresAt, maxHours)).toBeNull();
    }));
  });
});

describe('justificationProblem', () => {
  test.each([
    { label: 'a sentence', text: 'Hotfix for the checkout outage, INC-12.', ok: true },
    { label: 'too short', text: 'Urgent fix', ok: false },
    { label: 'padding does not count', text: '   urgent    fix   now   ', ok: false },
    { label: 'one long word is not a sentence', text: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ok: false },
    { label: 'digits only are not words', text: '1234567890 1234567890 1234', ok: false },
    { label: 'too long', text: 'word '.repeat(500), ok: false },
  ])('$label', ({ text, ok }) => {
    expect(justificationProblem(text) === null).toBe(ok);
  });
});

test('the grantor cannot be the requester', () => {
  expect(requesterProblem('m', 'm')).toMatch(/cannot also be the requester/);
  expect(requesterProblem('author', 'm')).toBeNull();
});

describe('overrideState', () => {
  const period = { grantedAt: AT, expiresAt: hours(4), revokedAt: null };
  test.each([
    { label: 'in force from its grant', at: AT, override: period, state: 'in-force' },
    { label: 'expired at its expiry (half-open)', at: hours(4), override: period, state: 'expired' },
    { label: 'revoked at once', at: hours(1), override: { ...period, revokedAt: hours(1) }, state: 'revoked' },
    { label: 'still in force before a later revocation', at: hours(1), override: { ...period, revokedAt: hours(2) }, state: 'in-force' },
    { label: 'scheduled before its grant', at: hours(-1), override: period, state: 'scheduled' },
  ])('$label', ({ at, override, state }) => {
    expect(overrideState(override, at)).toBe(state);
  });
});

describe('revokeRefusal', () => {
  test.each([
    { label: 'the grantor (an IC engineer)', actor: IC, code: null },
    { label: 'a manager who did not grant it', actor: MANAGER, code: null },
    { label: 'an admin', actor: person('admin', 'admin'), code: null },
    { label: 'another engineer', actor: ENGINEER, code: 'NOT_ALLOWED' },
    { label: 'an auditor', actor: person('auditor', 'auditor'), code: 'NOT_ALLOWED' },
    { label: 'a disabled grantor', actor: person('ic', 'engineer', { isActive: false }), code: 'INACTIVE' },
    { label: 'a service token', actor: null, code: 'SERVICE_TOKEN' },
  ])('$label', ({ actor, code }) => {
    expect(revokeRefusal(actor, { grantedById: 'ic' })?.code ?? null).toBe(code);
  });
});

describe('isExceptionOverdue', () => {
  test.each([
    { label: 'open past its deadline', entry: { status: 'open' as const, deadlineAt: hours(-1) }, overdue: true },
    { label: 'open at its deadline is still due', entry: { status: 'open' as const, deadlineAt: AT }, overdue: false },
    { label: 'open without a deadline yet', entry: { status: 'open' as const, deadlineAt: null }, overdue: false },
    { label: 'documented past its deadline', entry: { status: 'documented' as const, deadlineAt: hours(-1) }, overdue: false },
  ])('$label', ({ entry, overdue }) => {
    expect(isExceptionOverdue(entry, AT)).toBe(overdue);
  });
});
