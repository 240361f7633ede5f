import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkClassLabel, classifyScope, labelCoversScope } from '@/lib/policy/class-scope';
import type { ClassScopeRule } from '@/lib/policy/policy-settings';

const RULES: ClassScopeRule[] = [
  { kind: 'path', pattern: 'prisma/migrations/**', minimumClass: 'normal' },
  { kind: 'path', pattern: 'infra/**', minimumClass: 'major' },
  { kind: 'path', pattern: '**/*.tf', minimumClass: 'major' },
  { kind: 'keyword', pattern: 'new service', minimumClass: 'major' },
];

describe('classifyScope', () => {
  test.each([
    { label: 'no rule matches: standard', paths: ['app/page.tsx'], title: 'Fix typo', minimum: 'standard', reasons: 0 },
    { label: 'a migration needs normal', paths: ['app/page.tsx', 'prisma/migrations/001/migration.sql'], title: '', minimum: 'normal', reasons: 1 },
    { label: 'infra needs major', paths: ['infra/k8s/deploy.yaml'], title: '', minimum: 'major', reasons: 1 },
    { label: 'the highest rule wins and every rule is named', paths: ['prisma/migrations/1.sql', 'infra/x'], title: '', minimum: 'major', reasons: 2 },
    { label: 'a leading ./ is ignored', paths: ['./infra/main.tf'], title: '', minimum: 'major', reasons: 2 },
    { label: 'globs do not match a prefix of a folder name', paths: ['infrastructure/readme.md'], title: '', minimum: 'standard', reasons: 0 },
    { label: 'dot files are matched', paths: ['infra/.env.prod'], title: '', minimum: 'major', reasons: 1 },
    { label: 'keywords match whole words, any case', paths: [], title: 'Add a New Service for invoices', minimum: 'major', reasons: 1 },
    { label: 'keywords do not match inside words', paths: [], title: 'renew services', minimum: 'standard', reasons: 0 },
  ])('$label', ({ paths, title, minimum, reasons }) => {
    const verdict = classifyScope({ paths, title }, RULES);
    expect(verdict.minimumClass).toBe(minimum);
    expect(verdict.reasons).toHaveLength(reasons);
    expect(verdict.reasons.every((reason) => reason.control === 'CTRL-012.1')).toBe(true);
  });
});

describe('labelCoversScope', () => {
  test.each([
    { label: 'standard', minimum: 'standard', covers: true },
    { label: 'standard', minimum: 'normal', covers: false },
    { label: 'normal', minimum: 'normal', covers: true },
    { label: 'normal', minimum: 'major', covers: false },
    { label: 'major', minimum: 'normal', covers: true },
    { label: 'emergency', minimum: 'major', covers: true },
  ] as const)('$label label against a $minimum scope: $covers', ({ label, minimum, covers }) => {
    expect(labelCoversScope(label, minimum)).toBe(covers);
  });

  test('property: adding paths never lowers the minimum class', () => {
    const rank = { standard: 0, normal: 1, major: 2 };
    const segment = fc.constantFrom('app', 'infra', 'prisma', 'migrations', 'lib', 'x.tf', 'a.ts');
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/'));
    fc.assert(
      fc.property(fc.array(path), fc.array(path), (some, more) => {
        const before = classifyScope({ paths: some }, RULES).minimumClass;
        const after = classifyScope({ paths: [...some, ...more] }, RULES).minimumClass;
        expect(rank[after]).toBeGreaterThanOrEqual(rank[before]);
      }),
    );
  });
});

describe('checkClassLabel', () => {
  test.each([
    { label: 'an under-labelled infra change fails, the shortfall first', classLabel: 'standard', paths: ['infra/main.tf'], matches: false, codes: ['LABEL_BELOW_SCOPE', 'SCOPE_RULE', 'SCOPE_RULE'] },
    { label: 'a normal label on a migration passes with its rule named', classLabel: 'normal', paths: ['prisma/migrations/1.sql'], matches: true, codes: ['SCOPE_RULE'] },
    { label: 'emergency passes any scope', classLabel: 'emergency', paths: ['infra/main.tf'], matches: true, codes: ['SCOPE_RULE', 'SCOPE_RULE'] },
    { label: 'a plain change passes with no reasons', classLabel: 'standard', paths: ['app/page.tsx'], matches: true, codes: [] },
  ] as const)('$label', ({ classLabel, paths, matches, codes }) => {
    const verdict = checkClassLabel(classLabel, { paths }, RULES);
    expect(verdict.labelMatches).toBe(matches);
    expect(verdict.reasons.map((reason) => reason.code)).toEqual(codes);
    expect(verdict.reasons.every((reason) => reason.control === 'CTRL-012.1')).toBe(true);
  });

  test('the shortfall names the label and the minimum', () => {
    expect(checkClassLabel('normal', { paths: ['infra/x'] }, RULES).reasons[0]?.message).toBe('The normal label is below the major class this scope needs.');
  });
});
