import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CHANGE_STATUSES } from '@/lib/policy/change-class';
import { isEditable, materialDifferences, statusAfterEdit, transitionTarget, type MaterialContent } from '@/lib/policy/change-lifecycle';

describe('transitionTarget', () => {
  test.each([
    { transition: 'submit', from: 'draft', to: 'submitted' },
    { transition: 'submit', from: 'submitted', to: null },
    { transition: 'submit', from: 'cancelled', to: null },
    { transition: 'cancel', from: 'draft', to: 'cancelled' },
    { transition: 'cancel', from: 'approved', to: 'cancelled' },
    { transition: 'cancel', from: 'deployed', to: null },
    { transition: 'cancel', from: 'cancelled', to: null },
    { transition: 'deploy', from: 'submitted', to: null },
    { transition: 'deploy', from: 'approved', to: 'deployed' },
    { transition: 'close', from: 'approved', to: null },
    { transition: 'close', from: 'deployed', to: 'closed' },
  ] as const)('$transition from $from → $to', ({ transition, from, to }) => {
    expect(transitionTarget(transition, from)).toBe(to);
  });

  test('closed and cancelled are final', () => {
    for (const transition of ['submit', 'cancel', 'deploy', 'close'] as const) {
      expect(transitionTarget(transition, 'closed')).toBeNull();
      expect(transitionTarget(transition, 'cancelled')).toBeNull();
    }
    expect(isEditable('closed')).toBe(false);
    expect(isEditable('deployed')).toBe(false);
  });
});

describe('materialDifferences', () => {
  const base: MaterialContent = { changeClass: 'normal', serviceIds: ['s1', 's2'], environmentIds: ['prod'], changedPaths: ['a.ts'], pullRequestUrls: ['https://git/pr/1'], adrUrl: null };
  test.each([
    { label: 'nothing changed', after: base, fields: [] },
    { label: 'the same services in another order', after: { ...base, serviceIds: ['s2', 's1'] }, fields: [] },
    { label: 'class', after: { ...base, changeClass: 'major' }, fields: ['changeClass'] },
    { label: 'a service added', after: { ...base, serviceIds: ['s1', 's2', 's3'] }, fields: ['serviceIds'] },
    { label: 'environment', after: { ...base, environmentIds: ['prod', 'staging'] }, fields: ['environmentIds'] },
    { label: 'scope', after: { ...base, changedPaths: ['a.ts', 'infra/x'] }, fields: ['changedPaths'] },
    { label: 'pull requests', after: { ...base, pullRequestUrls: [] }, fields: ['pullRequestUrls'] },
    { label: 'ADR', after: { ...base, adrUrl: 'https://adr/2' }, fields: ['adrUrl'] },
    // Linked incidents are context for the gate and the KPIs, not what is deployed: they keep approvals.
    { label: 'linked incidents are not material', after: { ...base, incidentLinks: [{ incidentId: 'i1', link: 'fixes' }] }, fields: [] },
  ])('$label', ({ after, fields }) => {
    expect(materialDifferences(base, after)).toEqual(fields);
  });

  test('property: a content compared with itself, reordered, is never material', () => {
    fc.assert(
      fc.property(fc.array(fc.string()), fc.array(fc.string()), (services, paths) => {
        const content = { ...base, serviceIds: services, changedPaths: paths };
        expect(materialDifferences(content, { ...content, serviceIds: [...services].reverse(), changedPaths: [...paths].reverse() })).toEqual([]);
      }),
    );
  });
});

describe('statusAfterEdit', () => {
  test.each(CHANGE_STATUSES.filter(isEditable))('a documentation edit keeps %s', (status) => {
    expect(statusAfterEdit(status, false)).toBe(status);
  });
  test.each([
    { from: 'approved', to: 'submitted' },
    { from: 'rejected', to: 'submitted' },
    { from: 'submitted', to: 'submitted' },
    { from: 'draft', to: 'draft' },
  ] as const)('a material edit of $from leaves it $to', ({ from, to }) => {
    expect(statusAfterEdit(from, true)).toBe(to);
  });
});
