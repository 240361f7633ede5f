// The exceptions log as files (POL-012 exception path: "All exceptions logged in exceptions-log.md"):
// Markdown in the layout of that log, and CSV for spreadsheets. Pure. People's words go through
// lib/format/markdown and lib/format/csv, so a justification never becomes markup, a link or a formula.
import { csvDocument } from '@/lib/format/csv';
import { markdownInline, markdownText } from '@/lib/format/markdown';
import { changeReference } from '@/lib/policy/change-class';
import { EXCEPTION_KIND_LABEL, EXCEPTION_STATUS_LABEL, type ExceptionLogEntry } from '@/lib/policy/exception-log';

type Person = ExceptionLogEntry['requestedBy'];

/** What the exports need of an entry (an ExceptionEntry fits). */
export type ExportedException = ExceptionLogEntry;

export type ExceptionExportMeta = {
  /** When the export was made. */
  at: Date;
  /** The filters in words, e.g. `Kind: Freeze override`; empty for the whole log. */
  filters: readonly string[];
  /** Whether the log held more entries than the export. */
  isTruncated: boolean;
};

const who = (person: Person | null): string => (person ? (person.name ? `${person.name} <${person.email}>` : person.email) : '');
const iso = (at: Date | null): string => (at ? at.toISOString() : '');

/** Open past its deadline reads "Overdue"; otherwise the stored status. */
export function exceptionStatusText(entry: Pick<ExportedException, 'status' | 'isOverdue'>): string {
  return entry.isOverdue ? 'Overdue (open past its deadline)' : EXCEPTION_STATUS_LABEL[entry.status];
}

/** A blockquote of user text: every line escaped, then quoted, so it stays one quote of plain text. */
function quoted(text: string): string {
  const body = text.trim() ? markdownText(text) : '(none given)';
  return body.split('\n').map((line) => `> ${line}`).join('\n');
}

function markdownEntry(entry: ExportedException): string {
  const change = entry.changeRequest ? `${changeReference(entry.changeRequest.number)} ${entry.changeRequest.title}` : 'None';
  return [
    `## ${entry.openedAt.toISOString().slice(0, 10)}: ${EXCEPTION_KIND_LABEL[entry.kind]}${entry.changeRequest ? `, ${changeReference(entry.changeRequest.number)}` : ''}`,
    '',
    `- **Date:** ${entry.openedAt.toISOString()}`,
    `- **Change:** ${markdownInline(change)}`,
    `- **Kind:** ${EXCEPTION_KIND_LABEL[entry.kind]}`,
    `- **Requested by:** ${markdownInline(who(entry.requestedBy))}`,
    `- **Approved by:** ${entry.approvedBy ? markdownInline(who(entry.approvedBy)) : 'Not yet'}`,
    `- **Deadline:** ${entry.deadlineAt ? entry.deadlineAt.toISOString() : 'Not set'}`,
    `- **Status:** ${exceptionStatusText(entry)}`,
    `- **Documented at:** ${entry.documentedAt ? entry.documentedAt.toISOString() : 'Not yet'}`,
    '',
    '**Justification:**',
    '',
    quoted(entry.justification),
    '',
  ].join('\n');
}

/** The log as `exceptions-log.md`: a heading, what was exported, then one section per entry, newest first. */
export function exceptionLogMarkdown(entries: readonly ExportedException[], meta: ExceptionExportMeta): string {
  const filters = meta.filters.length ? `Filters: ${meta.filters.map(markdownInline).join('; ')}.` : 'The whole log.';
  const truncated = meta.isTruncated ? ` Only the newest ${entries.length} entries are included; narrow the period to export the rest.` : '';
  return [
    '# Exceptions log',
    '',
    `POL-012 exception path. Exported ${meta.at.toISOString()}; all times are ISO 8601 UTC. ${filters} ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}, newest first.${truncated}`,
    '',
    ...(entries.length ? entries.map(markdownEntry) : ['No exceptions match.', '']),
  ].join('\n');
}

export const EXCEPTION_CSV_HEADERS = [
  'id', 'opened_at', 'change', 'change_title', 'kind', 'requested_by', 'approved_by', 'justification', 'deadline_at', 'status', 'is_overdue', 'documented_at',
] as const;

/** The log as CSV (RFC 4180, formula-safe), one row per entry, times ISO 8601 UTC. */
export function exceptionLogCsv(entries: readonly ExportedException[]): string {
  return csvDocument(EXCEPTION_CSV_HEADERS, entries.map((entry) => [
    entry.id, entry.openedAt, entry.changeRequest ? changeReference(entry.changeRequest.number) : '', entry.changeRequest?.title ?? '',
    entry.kind, who(entry.requestedBy), who(entry.approvedBy), entry.justification, iso(entry.deadlineAt),
    entry.isOverdue ? 'overdue' : entry.status, entry.isOverdue, iso(entry.documentedAt),
  ]));
}
