import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvCell, csvDocument } from '@/lib/format/csv';

describe('csvCell', () => {
  test.each([
    { label: 'plain text stays as it is', value: 'payments-checkout-release', cell: 'payments-checkout-release' },
    { label: 'a comma is quoted', value: 'a, b', cell: '"a, b"' },
    { label: 'a quote is doubled inside quotes', value: 'say "hi"', cell: '"say ""hi"""' },
    { label: 'a line break is quoted', value: 'one\ntwo', cell: '"one\ntwo"' },
    { label: 'an equals sign starts a formula: prefixed', value: '=1+1', cell: "'=1+1" },
    { label: 'a plus sign: prefixed', value: '+1', cell: "'+1" },
    { label: 'a minus sign: prefixed', value: '-2+3', cell: "'-2+3" },
    { label: 'an at sign: prefixed', value: '@SUM(A1)', cell: "'@SUM(A1)" },
    { label: 'a leading tab: prefixed', value: '\t=1', cell: "'\t=1" },
    { label: 'a leading carriage return: prefixed and quoted', value: '\r=1', cell: `"'\r=1"` },
    { label: 'a formula with a comma: prefixed, then quoted', value: '=HYPERLINK("http://x","y")', cell: `"'=HYPERLINK(""http://x"",""y"")"` },
    { label: 'an equals sign later in the text is harmless', value: 'a=b', cell: 'a=b' },
    { label: 'a negative number we wrote stays a number', value: -3, cell: '-3' },
    { label: 'a date is ISO 8601 UTC', value: new Date('2026-11-24T10:00:00Z'), cell: '2026-11-24T10:00:00.000Z' },
    { label: 'null is empty', value: null, cell: '' },
  ])('$label', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('csvDocument', () => {
  test('rows end in CRLF and a reader gets the cells back', () => {
    const text = csvDocument(['key', 'purpose'], [['a-b-release', 'multi\nline, "quoted"'], ['c-d-ops', 'ok']]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text)).toEqual([['key', 'purpose'], ['a-b-release', 'multi\nline, "quoted"'], ['c-d-ops', 'ok']]);
  });

  test('any text round-trips through a CSV reader, and no cell a reader gets starts a formula', () => {
    fc.assert(fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
      const read: string[][] = parse(csvDocument(['a', 'b'], rows), { relax_column_count: false });
      const expected = rows.map((row) => row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell)));
      expect(read).toEqual([['a', 'b'], ...expected]);
      for (const cell of read.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }));
  });
});
