import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { approvalRefusal, evaluateApprovals, evaluateEmergencyReview, missingEmergencyRecord, secondApprovalAt, type ApprovalInput, type ApprovalSubject } from '@/lib/policy/approval-rules';
import type { Actor } from '@/lib/policy/permissions';

const AT = new Date('2026-03-06T12:00:00Z');
const AUTHOR = 'author';

function subject(changeClass: ApprovalSubject['changeClass'], overrides: Partial<ApprovalSubject> = {}): ApprovalSubject {
  return { changeClass, authorId: AUTHOR, contentVersion: 2, adrUrl: null, ...overrides };
}

function approve(approverId: string, overrides: Partial<ApprovalInput> = {}): ApprovalInput {
  return { approverId, decision: 'approve', contentVersion: 2, wasStaffPlus: false, decidedAt: AT, ...overrides };
}

describe('evaluateApprovals', () => {
  test.each([
    { label: 'standard: 1 approval approves', subject: subject('standard'), approvals: [approve('a')], state: 'approved', missing: [] },
    { label: 'standard: none is pending', subject: subject('standard'), approvals: [], state: 'pending', missing: ['Needs 1 more approval.'] },
    { label: 'normal: 1 approval is not enough', subject: subject('normal'), approvals: [approve('a')], state: 'pending', missing: ['Needs 1 more approval.'] },
    { label: 'normal: 2 distinct approvals approve', subject: subject('normal'), approvals: [approve('a'), approve('b')], state: 'approved', missing: [] },
    { label: 'normal: the same person twice counts once', subject: subject('normal'), approvals: [approve('a'), approve('a')], state: 'pending', missing: ['Needs 1 more approval.'] },
    { label: 'normal: the author never counts', subject: subject('normal'), approvals: [approve('a'), approve(AUTHOR)], state: 'pending', missing: ['Needs 1 more approval.'] },
    { label: 'approvals of an older version do not count', subject: subject('normal'), approvals: [approve('a', { contentVersion: 1 }), approve('b')], state: 'pending', missing: ['Needs 1 more approval.'] },
    { label: 'emergency: 1 approval lets it deploy', subject: subject('emergency'), approvals: [approve('a')], state: 'approved', missing: [] },
    { label: 'major: needs Staff+ and an ADR', subject: subject('major'), approvals: [], state: 'pending', missing: ['Needs 2 more Staff+ approvals.', 'Major changes need a link to their ADR.'] },
    { label: 'major: non-Staff+ approvals do not count', subject: subject('major', { adrUrl: 'https://adr/1' }), approvals: [approve('a'), approve('b', { wasStaffPlus: true })], state: 'pending', missing: ['Needs 1 more Staff+ approval.'] },
    { label: 'major: 2 Staff+ and an ADR approve', subject: subject('major', { adrUrl: 'https://adr/1' }), approvals: [approve('a', { wasStaffPlus: true }), approve('b', { wasStaffPlus: true })], state: 'approved', missing: [] },
    { label: 'major: 2 Staff+ without ADR is pending', subject: subject('major'), approvals: [approve('a', { wasStaffPlus: true }), approve('b', { wasStaffPlus: true })], state: 'pending', missing: ['Major changes need a link to their ADR.'] },
    { label: 'a rejection blocks', subject: subject('standard'), approvals: [approve('a'), approve('b', { decision: 'reject' })], state: 'rejected', missing: ['A reviewer rejected this version.'] },
    { label: 'a rejection of an older version does not block', subject: subject('standard'), approvals: [approve('a'), approve('b', { decision: 'reject', contentVersion: 1 })], state: 'approved', missing: [] },
  ])('$label', ({ subject: s, approvals, state, missing }) => {
    const verdict = evaluateApprovals(s, approvals);
    expect(verdict.state).toBe(state);
    expect(verdict.missing.map((reason) => reason.message)).toEqual(missing);
    expect(verdict.missing.every((reason) => reason.control === 'CTRL-012.1')).toBe(true);
  });

  test('property: approval needs at least the class minimum of distinct non-author approvers on the current version', () => {
    const minimum = { standard: 1, normal: 2, emergency: 1, major: 2 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom('standard', 'normal', 'emergency', 'major' as const),
        fc.array(fc.record({ approverId: fc.constantFrom('a', 'b', 'c', AUTHOR), contentVersion: fc.constantFrom(1, 2), wasStaffPlus: fc.boolean() }), { maxLength: 8 }),
        (changeClass, raw) => {
          const s = subject(changeClass, { adrUrl: 'https://adr/1' });
          const verdict = evaluateApprovals(s, raw.map((r) => approve(r.approverId, r)));
          if (verdict.state === 'approved') {
            expect(new Set(verdict.approverIds).size).toBeGreaterThanOrEqual(minimum[changeClass]);
            expect(verdict.approverIds).not.toContain(AUTHOR);
          }
        },
      ),
    );
  });
});

describe('approvalRefusal', () => {
  const actor = (overrides: Partial<Actor> = {}): Actor => ({ id: 'rev', role: 'engineer', isStaffPlus: false, isActive: true, teamId: null, ...overrides });
  test.each([
    { label: 'an engineer reviews a normal change', who: actor(), changeClass: 'normal' as const, refusal: null },
    { label: 'a manager reviews a normal change', who: actor({ role: 'manager' }), changeClass: 'normal' as const, refusal: null },
    { label: 'the author is refused', who: actor({ id: AUTHOR }), changeClass: 'standard' as const, refusal: 'SELF_APPROVAL' },
    { label: 'an auditor is refused', who: actor({ role: 'auditor' }), changeClass: 'standard' as const, refusal: 'ROLE' },
    { label: 'an admin is refused', who: actor({ role: 'admin' }), changeClass: 'standard' as const, refusal: 'ROLE' },
    { label: 'a non-Staff+ engineer is refused on major', who: actor(), changeClass: 'major' as const, refusal: 'STAFF_PLUS_REQUIRED' },
    { label: 'a Staff+ engineer reviews major', who: actor({ isStaffPlus: true }), changeClass: 'major' as const, refusal: null },
    { label: 'a disabled user is refused', who: actor({ isActive: false }), changeClass: 'standard' as const, refusal: 'INACTIVE' },
  ])('$label', ({ who, changeClass, refusal }) => {
    expect(approvalRefusal(who, { changeClass, authorId: AUTHOR })?.code ?? null).toBe(refusal);
  });

  test('a service token (no person) is refused', () => {
    expect(approvalRefusal(null, { changeClass: 'standard', authorId: AUTHOR })?.code).toBe('ROLE');
  });

  test('a co-author is refused too', () => {
    expect(approvalRefusal(actor(), { changeClass: 'standard', authorId: AUTHOR }, ['rev'])?.code).toBe('SELF_APPROVAL');
  });
});

describe('evaluateEmergencyReview', () => {
  const deploy = new Date('2026-03-06T10:00:00Z');
  const hours = (h: number) => new Date(deploy.getTime() + h * 3_600_000);
  test.each([
    { label: 'before the first deploy the clock has not started', input: { firstProductionDeployAt: null, documentedAt: null, secondApprovalAt: null }, at: hours(30), state: 'not-started', deadline: null },
    { label: 'within 24 h it is due', input: { firstProductionDeployAt: deploy, documentedAt: null, secondApprovalAt: null }, at: hours(23.9), state: 'due', deadline: hours(24) },
    { label: 'exactly at the deadline it is still due', input: { firstProductionDeployAt: deploy, documentedAt: null, secondApprovalAt: null }, at: hours(24), state: 'due', deadline: hours(24) },
    { label: 'after 24 h without both it is overdue', input: { firstProductionDeployAt: deploy, documentedAt: hours(2), secondApprovalAt: null }, at: hours(24.01), state: 'overdue', deadline: hours(24) },
    { label: 'documented and approved in time is complete', input: { firstProductionDeployAt: deploy, documentedAt: hours(3), secondApprovalAt: hours(24) }, at: hours(40), state: 'complete', deadline: hours(24) },
    { label: 'completed after the deadline is late (a violation)', input: { firstProductionDeployAt: deploy, documentedAt: hours(3), secondApprovalAt: hours(25) }, at: hours(40), state: 'late', deadline: hours(24) },
  ])('$label', ({ input, at, state, deadline }) => {
    const review = evaluateEmergencyReview(input, 24, at);
    expect(review.state).toBe(state);
    expect(review.deadline).toEqual(deadline);
  });
});

describe('secondApprovalAt', () => {
  const later = new Date('2026-03-06T13:00:00Z');
  test.each([
    { label: 'one approval: none yet', approvals: [approve('a')], expected: null },
    { label: 'the same person twice: none yet', approvals: [approve('a'), approve('a', { decidedAt: later })], expected: null },
    { label: 'two people: the later decision time', approvals: [approve('b', { decidedAt: later }), approve('a')], expected: later },
    { label: 'the author never counts', approvals: [approve('a'), approve(AUTHOR, { decidedAt: later })], expected: null },
  ])('$label', ({ approvals, expected }) => {
    expect(secondApprovalAt(subject('emergency'), approvals)).toEqual(expected);
  });
});

describe('missingEmergencyRecord', () => {
  const complete = { description: 'Checkout 500s', rollbackPlan: 'Revert', pullRequestUrls: ['https://git/pr/1'], changedPaths: ['src/cart.ts'] };
  test.each([
    { label: 'a complete record lacks nothing', record: complete, codes: [] },
    { label: 'blank text counts as missing', record: { ...complete, description: '   ', rollbackPlan: '' }, codes: ['DESCRIPTION_MISSING', 'ROLLBACK_PLAN_MISSING'] },
    { label: 'no pull request, no scope', record: { ...complete, pullRequestUrls: [], changedPaths: [] }, codes: ['PULL_REQUEST_MISSING', 'SCOPE_MISSING'] },
  ])('$label', ({ record, codes }) => {
    const missing = missingEmergencyRecord(record);
    expect(missing.map((reason) => reason.code)).toEqual(codes);
    expect(missing.every((reason) => reason.control === 'EXCEPTION-PATH')).toBe(true);
  });
});
