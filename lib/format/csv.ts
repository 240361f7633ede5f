// CSV (RFC 4180) from user text that spreadsheets cannot run as a formula. Pure.
//
// Excel, LibreOffice and Google Sheets evaluate a cell that starts with = + - @ (and, after trimming,
// a tab or carriage return) as a formula, so a flag purpose like `=HYPERLINK(...)` would run when an
// auditor opens the export. Such cells get a leading single quote (OWASP "CSV injection"): the reader
// sees the text as typed, with one visible quote, and nothing is evaluated.

export type CsvCell = string | number | boolean | Date | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: formula-safe, quoted when it holds a separator, a quote or a line break. Dates are ISO 8601 UTC. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are written by us, never typed by a user: a negative number stays a number.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = value instanceof Date ? value.toISOString() : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A whole document: a header row, then the rows, each line ending in CRLF as RFC 4180 says. */
export function csvDocument(headers: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [headers, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}

/** What a csv-parse error code means, in words for the person whose file it is. */
export function csvProblem(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed.';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return 'a quote appears inside an unquoted field; put the whole field in double quotes and double the inner quote.';
    case 'CSV_MAX_RECORD_SIZE':
      return 'a row is far too long.';
    default:
      return 'check its quoting and separators.';
  }
}
