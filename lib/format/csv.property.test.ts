// Property tests of formula-safe CSV: no cell a user typed ever starts a formula, and every cell reads
// back as typed (with the one visible quote in front of a formula).
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvCell, csvDocument } from '@/lib/format/csv';

const FORMULA_START = /^[=+\-@\t\r]/;
const hostileText = fc.oneof(
  fc.string(),
  fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\r\n', '"', ','), fc.string()).map(([lead, rest]) => lead + rest),
  fc.constantFrom('=HYPERLINK("https://evil.example","x")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'),
);

describe('csvCell', () => {
  test('a text cell never reads back as a formula, and reads back as typed (quoted once when it would be one)', () => {
    fc.assert(fc.property(fc.array(hostileText, { minLength: 1, maxLength: 4 }), (cells) => {
      const [row] = parse(csvDocument(cells.map((_, index) => `c${index}`), [cells]), { from_line: 2, relax_quotes: false }) as string[][];
      expect(row).toEqual(cells.map((cell) => (FORMULA_START.test(cell) ? `'${cell}` : cell)));
      for (const cell of row!) expect(FORMULA_START.test(cell)).toBe(false);
    }));
  });

  test('numbers and booleans are written as they are (a negative number stays a number)', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.boolean()), (value) => {
      expect(csvCell(value)).toBe(String(value));
    }));
  });
});
