import Link from 'next/link';
import { changeReference } from '@/lib/policy/change-class';
import { EXCEPTION_KIND_LABEL, EXCEPTION_STATUS_LABEL, type ExceptionLogEntry } from '@/lib/policy/exception-log';
import type { OverrideState } from '@/lib/policy/override-rules';
import { Badge } from '@/components/ui/badge';
import { Time } from '@/components/ui/time';
import { LINK } from '@/components/ui/styles';
import { ListTable } from '@/components/ui/list-table';

type Person = ExceptionLogEntry['requestedBy'];

/** An entry as the log's table shows it: the change it links to, and the override's incident and state. */
export type ExceptionRowView = ExceptionLogEntry & {
  changeRequest: { id: string; number: number; title: string } | null;
  override: { incident: { number: number } | null } | null;
  overrideState: OverrideState | null;
};

const OVERRIDE_STATE_LABEL: Record<OverrideState, string> = { 'in-force': 'override in force', expired: 'override expired', revoked: 'override revoked', scheduled: 'override not yet in force' };
const nameOf = (person: Person) => person.name ?? person.email;
const COLUMNS = ['Kind', 'Change', 'Requested by', 'Approved by', 'Justification', 'Opened', 'Deadline', 'Status'];

function Status({ entry, timeZone }: Readonly<{ entry: ExceptionRowView; timeZone: string }>) {
  // Overdue is said in words first; the colour only repeats it.
  if (entry.isOverdue) return <span className="space-y-1"><Badge tone="bad">Overdue</Badge><span className="block text-xs font-medium text-red-800">Open past its deadline</span></span>;
  return (
    <span className="space-y-1">
      <Badge tone={entry.status === 'open' ? 'warn' : 'good'}>{EXCEPTION_STATUS_LABEL[entry.status]}</Badge>
      {entry.documentedAt ? <span className="block text-xs text-slate-600"><Time at={entry.documentedAt} timeZone={timeZone} /></span> : null}
    </span>
  );
}

/** The exceptions log: every entry, its people, its justification (as text) and where it stands. */
export function ExceptionTable({ entries, timeZone }: Readonly<{ entries: ExceptionRowView[]; timeZone: string }>) {
  return (
    <ListTable caption="Exceptions log, newest first" columns={COLUMNS} isCompact>
      {entries.map((entry) => (
        <tr key={entry.id} className={entry.isOverdue ? 'border-l-4 border-l-red-600 bg-red-50' : undefined}>
          <td className="px-3 py-2 align-top">
            {EXCEPTION_KIND_LABEL[entry.kind]}
            {entry.overrideState ? <span className="block text-xs text-slate-600">{OVERRIDE_STATE_LABEL[entry.overrideState]}{entry.override?.incident ? `, lifts INC-${entry.override.incident.number}` : ', calendar only'}</span> : null}
          </td>
          <td className="px-3 py-2 align-top">
            {entry.changeRequest
              ? <Link href={`/changes/${entry.changeRequest.id}`} className={LINK}><span className="font-mono">{changeReference(entry.changeRequest.number)}</span> {entry.changeRequest.title}</Link>
              : <span className="text-slate-600">None</span>}
          </td>
          <td className="px-3 py-2 align-top">{nameOf(entry.requestedBy)}</td>
          <td className="px-3 py-2 align-top">{entry.approvedBy ? nameOf(entry.approvedBy) : <span className="text-slate-600">Not yet</span>}</td>
          {/* People's words: rendered as text, never as HTML. */}
          <td className="max-w-md whitespace-pre-wrap break-words px-3 py-2 align-top">{entry.justification}</td>
          <td className="whitespace-nowrap px-3 py-2 align-top"><Time at={entry.openedAt} timeZone={timeZone} /></td>
          <td className="whitespace-nowrap px-3 py-2 align-top">
            {entry.deadlineAt ? <Time at={entry.deadlineAt} timeZone={timeZone} /> : <span className="text-slate-600">Not set yet</span>}
          </td>
          <td className="px-3 py-2 align-top"><Status entry={entry} timeZone={timeZone} /></td>
        </tr>
      ))}
    </ListTable>
  );
}
