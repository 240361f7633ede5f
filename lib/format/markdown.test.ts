import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { markdownCell, markdownCodeBlock, markdownInline, markdownTable, markdownText } from '@/lib/format/markdown';

/** What a CommonMark reader shows for escaped text: each backslash escape is the character itself. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Pipes that split table cells: those not escaped by a backslash. */
function cellSeparators(line: string): number {
  return (line.match(/(?<!\\)(?:\\\\)*\|/g) ?? []).length;
}

const userText = fc.string({ unit: fc.constantFrom(...'ab #>|`*_[]()<>!&~=-+.1) \n\r\\\t'.split('')), maxLength: 40 });

describe('markdownInline', () => {
  test.each([
    { label: 'plain words stay as they are', text: 'Raise checkout timeout', markdown: 'Raise checkout timeout' },
    { label: 'a leading # is not a heading', text: '# Drop all tables', markdown: '\\# Drop all tables' },
    { label: 'a leading number with a dot is not a list', text: '1. first', markdown: '1\\. first' },
    { label: 'a leading quote marker is text', text: '> quoted', markdown: '\\> quoted' },
    { label: 'HTML tags are shown, not rendered', text: '<script>alert(1)</script>', markdown: '\\<script\\>alert(1)\\</script\\>' },
    { label: 'backticks do not open code', text: 'use `rm -rf`', markdown: 'use \\`rm -rf\\`' },
    { label: 'pipes do not split cells', text: 'a | b', markdown: 'a \\| b' },
    { label: 'emphasis and links are literal', text: '*bold* [x](javascript:alert(1))', markdown: '\\*bold\\* \\[x\\](javascript:alert(1))' },
    { label: 'entities are literal', text: 'AT&amp;T', markdown: 'AT\\&amp;T' },
    { label: 'line breaks become spaces', text: 'one\r\n# two\rthree', markdown: 'one \\# two three' },
    { label: 'backslashes are literal', text: 'C:\\temp\\', markdown: 'C:\\\\temp\\\\' },
  ])('$label', ({ text, markdown }) => {
    expect(markdownInline(text)).toBe(markdown);
  });

  test('never contains a line break, and reads back as the text', () => {
    fc.assert(
      fc.property(userText, (text) => {
        const markdown = markdownInline(text);
        expect(markdown).not.toMatch(/[\r\n]/);
        const expected = text.replace(/\r\n?/g, '\n').split('\n').map((line) => line.trimStart()).join(' ');
        expect(unescape(markdown)).toBe(expected);
      }),
    );
  });
});

describe('markdownText', () => {
  test('keeps line breaks as hard breaks and escapes each line start', () => {
    expect(markdownText('Steps:\n# not a heading\n- not a list\n===\n    not code')).toBe('Steps:\\\n\\# not a heading\\\n\\- not a list\\\n\\===\\\nnot code');
  });

  test('no line of the result can start a block', () => {
    fc.assert(
      fc.property(userText, (text) => {
        for (const line of markdownText(text).split('\n')) expect(line).not.toMatch(/^(\s|[#>*+=_~`|<-]|\d+[.)])/);
      }),
    );
  });
});

describe('markdownCell and markdownTable', () => {
  test('a cell keeps its line breaks as <br> on one line', () => {
    expect(markdownCell('first | line\nsecond')).toBe('first \\| line<br>second');
  });

  test('a table has one line per row and exactly its columns, whatever the cells hold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(userText, userText, userText), { maxLength: 5 }), (rows) => {
        const lines = markdownTable(['Who', 'What', 'Comment'], rows).split('\n');
        expect(lines).toHaveLength(rows.length + 2);
        expect(lines[1]).toBe('| --- | --- | --- |');
        for (const line of lines) expect(cellSeparators(line)).toBe(4);
      }),
    );
  });
});

describe('markdownCodeBlock', () => {
  test('its fence is longer than any backtick run inside, so the text cannot close it', () => {
    fc.assert(
      fc.property(userText, (text) => {
        const block = markdownCodeBlock(text, 'json');
        const fence = /^`+/.exec(block)![0];
        expect(block.startsWith(`${fence}json\n`) && block.endsWith(`\n${fence}`)).toBe(true);
        for (const run of text.match(/`+/g) ?? []) expect(run.length).toBeLessThan(fence.length);
      }),
    );
  });
});
