import { describe, expect, test } from 'vitest';
import { parse } from 'csv-parse/sync';
import { EXCEPTION_CSV_HEADERS, exceptionLogCsv, exceptionLogMarkdown, type ExportedException } from '@/lib/server/exceptions/exception-log-export';

const AT = new Date('2026-11-24T10:00:00.000Z');
const HOSTILE = [
  '=HYPERLINK("http://x")',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '# Heading\n- item\n> quote',
].join('\n');

function entry(overrides: Partial<ExportedException> = {}): ExportedException {
  return {
    id: '0190a7e2-0000-7000-8000-000000000001',
    kind: 'freeze_override',
    status: 'documented',
    isOverdue: false,
    justification: 'Hotfix for INC-4 during the weekend window.',
    openedAt: new Date('2026-11-20T16:00:00.000Z'),
    deadlineAt: new Date('2026-11-21T16:00:00.000Z'),
    documentedAt: new Date('2026-11-20T16:00:00.000Z'),
    changeRequest: { number: 42, title: 'Fix checkout timeout' },
    requestedBy: { name: 'Erin Engineer', email: 'erin@changeboard.test' },
    approvedBy: { name: 'Mia Manager', email: 'mia@changeboard.test' },
    ...overrides,
  };
}

describe('exceptionLogMarkdown', () => {
  test('a heading, then one entry with every field of the log', () => {
    const markdown = exceptionLogMarkdown([entry()], { at: AT, filters: ['Kind: Freeze override'], isTruncated: false });
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Exceptions log');
    expect(lines).toContain('## 2026-11-20: Freeze override, CHG-42');
    expect(lines).toEqual(expect.arrayContaining([
      '- **Date:** 2026-11-20T16:00:00.000Z',
      '- **Change:** CHG-42 Fix checkout timeout',
      '- **Kind:** Freeze override',
      '- **Requested by:** Erin Engineer \\<erin@changeboard.test\\>',
      '- **Approved by:** Mia Manager \\<mia@changeboard.test\\>',
      '- **Deadline:** 2026-11-21T16:00:00.000Z',
      '- **Status:** Documented',
      '- **Documented at:** 2026-11-20T16:00:00.000Z',
      '> Hotfix for INC-4 during the weekend window.',
    ]));
    expect(markdown).toContain('Filters: Kind: Freeze override.');
  });

  test('hostile justification text stays quoted text: no HTML, no link, no block structure', () => {
    const markdown = exceptionLogMarkdown([entry({ justification: HOSTILE, changeRequest: { number: 7, title: '[click](http://evil)' } })], { at: AT, filters: [], isTruncated: false });
    const quote = markdown.split('\n').filter((line) => line.startsWith('> '));
    expect(quote).toEqual([
      '> \\=HYPERLINK("http://x")\\',
      '> \\<script\\>alert(1)\\</script\\>\\',
      '> \\[x\\](javascript:alert(1))\\',
      '> \\# Heading\\',
      '> \\- item\\',
      '> \\> quote',
    ]);
    expect(markdown).not.toMatch(/(?<!\\)<script/);
    expect(markdown).not.toMatch(/(?<!\\)\[x\]\(/);
    expect(markdown).toContain('- **Change:** CHG-7 \\[click\\](http://evil)');
  });

  test('overdue is said in words; an empty log says so; a truncated one says so', () => {
    const overdue = exceptionLogMarkdown([entry({ kind: 'emergency_change', status: 'open', isOverdue: true, documentedAt: null, approvedBy: null })], { at: AT, filters: [], isTruncated: true });
    expect(overdue).toContain('- **Status:** Overdue (open past its deadline)');
    expect(overdue).toContain('- **Approved by:** Not yet');
    expect(overdue).toContain('Only the newest 1 entries are included');
    expect(exceptionLogMarkdown([], { at: AT, filters: [], isTruncated: false })).toContain('No exceptions match.');
  });
});

describe('exceptionLogCsv', () => {
  test('one row per entry under the header, times in UTC', () => {
    const rows = parse(exceptionLogCsv([entry()]), { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([...EXCEPTION_CSV_HEADERS]);
    expect(rows[1]).toEqual([
      '0190a7e2-0000-7000-8000-000000000001', '2026-11-20T16:00:00.000Z', 'CHG-42', 'Fix checkout timeout', 'freeze_override',
      'Erin Engineer <erin@changeboard.test>', 'Mia Manager <mia@changeboard.test>', 'Hotfix for INC-4 during the weekend window.',
      '2026-11-21T16:00:00.000Z', 'documented', 'false', '2026-11-20T16:00:00.000Z',
    ]);
  });

  test('a formula in a justification or title is text, not a formula; the text survives whole', () => {
    const csv = exceptionLogCsv([entry({ justification: '=HYPERLINK("http://x")', changeRequest: { number: 8, title: '+SUM(A1)' } }), entry({ justification: HOSTILE })]);
    const rows = parse(csv) as string[][];
    expect(rows[1]?.[7]).toBe('\'=HYPERLINK("http://x")');
    expect(rows[1]?.[3]).toBe('\'+SUM(A1)');
    expect(rows[2]?.[7]).toBe(`'${HOSTILE}`);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
