import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { POLICY_ASSUMPTIONS } from '@/lib/policy/policy-assumptions';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A source's comments as running text: comment markers and line breaks dropped, spaces collapsed. */
function commentText(file: string): string {
  return readFileSync(path.join(ROOT, file), 'utf8')
    .replace(/^\s*(\/\/+|\/\*+|\*+\/|\*)\s?/gm, '')
    .replace(/\s+/g, ' ');
}

const sources = [...new Set(POLICY_ASSUMPTIONS.map((assumption) => assumption.source))];

describe('How Changeboard reads the policy', () => {
  test.each(POLICY_ASSUMPTIONS.map((assumption) => ({ ...assumption, label: `${assumption.source}: ${assumption.quote}` })))('$label still holds in the code', ({ source, quote }) => {
    expect(commentText(source)).toContain(`Assumption: ${quote}`);
  });

  // A new Assumption in these files changes how the freeze rules read: the policy page must say so.
  test.each(sources)('every Assumption in %s is listed', (source) => {
    const found = commentText(source).split('Assumption: ').slice(1).map((text) => text.slice(0, 60));
    const listed = POLICY_ASSUMPTIONS.filter((assumption) => assumption.source === source);
    const unlisted = found.filter((text) => !listed.some((assumption) => text.startsWith(assumption.quote.slice(0, 60))));
    expect(unlisted, `add these to POLICY_ASSUMPTIONS in lib/policy/policy-assumptions.ts`).toEqual([]);
  });

  test('topics are unique and every entry says something', () => {
    expect(new Set(POLICY_ASSUMPTIONS.map((assumption) => assumption.topic)).size).toBe(POLICY_ASSUMPTIONS.length);
    for (const assumption of POLICY_ASSUMPTIONS) expect(assumption.words.length).toBeGreaterThan(40);
  });
});
