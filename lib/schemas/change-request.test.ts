import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ZChangeRequestContent, ZChangeRequestPatch, ZInstant } from '@/lib/schemas/change-request';

const ID = '01a20d70-ce6f-76bb-a58f-ce4118f620ec';
const valid = { title: 'Raise the timeout', changeClass: 'normal', teamId: ID, serviceIds: [ID] };

describe('ZChangeRequestContent', () => {
  test('fills what the author left out with defaults', () => {
    expect(ZChangeRequestContent.parse(valid)).toMatchObject({ description: '', risk: 'low', environmentIds: [], adrUrl: null, plannedStart: null });
  });

  test.each([
    { label: 'a forged author is refused, not dropped', input: { ...valid, authorId: ID }, path: '' },
    { label: 'a forged status is refused', input: { ...valid, status: 'approved' }, path: '' },
    { label: 'a javascript: link is not a pull request', input: { ...valid, pullRequestUrls: ['javascript:alert(1)'] }, path: 'pullRequestUrls' },
    { label: 'an ADR must be http(s)', input: { ...valid, adrUrl: 'ftp://adr/1' }, path: 'adrUrl' },
    { label: 'an impossible date', input: { ...valid, plannedStart: '2026-02-30T10:00:00Z' }, path: 'plannedStart' },
    { label: 'a time without offset', input: { ...valid, plannedStart: '2026-03-06T10:00:00' }, path: 'plannedStart' },
    { label: 'a window that ends before it starts', input: { ...valid, plannedStart: '2026-03-06T10:00:00Z', plannedEnd: '2026-03-06T09:00:00Z' }, path: 'plannedEnd' },
    { label: 'control characters in the title', input: { ...valid, title: 'Bad\u0000title here' }, path: 'title' },
    { label: 'no service', input: { ...valid, serviceIds: [] }, path: 'serviceIds' },
    { label: 'an unknown class', input: { ...valid, changeClass: 'urgent' }, path: 'changeClass' },
  ])('$label', ({ input, path }) => {
    const result = ZChangeRequestContent.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => String(issue.path[0] ?? ''))).toContain(path);
  });

  test('a patch carries only what it names', () => {
    expect(ZChangeRequestPatch.parse({ title: 'Another title' })).toEqual({ title: 'Another title' });
    expect(ZChangeRequestPatch.safeParse({ version: 3 }).success).toBe(false);
  });
});

describe('ZInstant', () => {
  test('property: every instant written as ISO 8601 with an offset round-trips', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: -12, max: 14 }), (date, offsetHours) => {
        const shifted = new Date(date.getTime() + offsetHours * 3_600_000);
        const sign = offsetHours < 0 ? '-' : '+';
        const text = `${shifted.toISOString().slice(0, 23)}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
        expect(ZInstant.parse(text)).toEqual(date);
      }),
    );
  });
});
