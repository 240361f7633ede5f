// Markdown from user text that cannot break the document around it. Pure.
//
// CommonMark lets a backslash escape any ASCII punctuation, so user text is escaped character by
// character instead of being sanitised: what the person typed is exactly what a reader sees.

/** Characters that start inline structure anywhere: code, emphasis, links, HTML, entities, table cells. */
const INLINE_SPECIAL = /[\\`*_[\]<>|~&]/g;

/** Characters that start a block at the beginning of a line: headings, quotes, lists, rules, setext underlines. */
const BLOCK_START = /^([#>+=-]|\d+[.)])/;

function escapeLine(line: string): string {
  // Leading spaces would make an indented code block (or continue a list), so they are dropped.
  const escaped = line.trimStart().replace(INLINE_SPECIAL, '\\$&');
  return escaped.replace(BLOCK_START, (marker) => (/^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`));
}

function lines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}

/** User text as Markdown paragraphs: line breaks kept (as hard breaks), structure never. */
export function markdownText(text: string): string {
  return lines(text).map(escapeLine).join('\\\n');
}

/** User text on one line (a heading, a list item): line breaks become spaces. */
export function markdownInline(text: string): string {
  return lines(text).map(escapeLine).join(' ');
}

/** User text for one table cell: on one line, line breaks kept as `<br>`, pipes escaped. */
export function markdownCell(text: string): string {
  return lines(text).map(escapeLine).join('<br>');
}

/** A GFM table; every cell is user text and is escaped. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/** Literal text in a fenced code block, fenced longer than any backtick run inside so it cannot end early. */
export function markdownCodeBlock(text: string, language = ''): string {
  const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}
