// An evidence bundle as a readable Markdown summary (the JSON export is the complete record). Pure.
// Every piece of user text goes through lib/format/markdown, so a title, justification or comment
// cannot change the document's structure or become a link.
import { markdownInline, markdownTable } from '@/lib/format/markdown';
import { EVIDENCE_CONTROL_LABEL } from '@/lib/schemas/evidence-query';
import type { EvidenceBundle } from '@/lib/server/evidence/evidence-bundle';

type Named = { name: string | null; email: string | null } | null | undefined;
const who = (person: Named): string => (person ? [person.name, person.email && `<${person.email}>`].filter(Boolean).join(' ') : '—');
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const text = (value: unknown): string => (value === null || value === undefined || value === '' ? '—' : String(value));

type Row = Record<string, unknown>;
const rowsOf = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);

/** The main records of each control as one table (markdownTable escapes every cell). */
function recordTables(bundle: EvidenceBundle): string[] {
  const { records } = bundle;
  const table = (title: string, headers: string[], rows: string[][]) => [`## ${title}`, '', rows.length ? markdownTable(headers, rows) : 'None in the period.', ''];
  switch (bundle.control) {
    case 'CTRL-012.1':
      return table('Production deployments', ['Started', 'Change', 'Class', 'Author', 'Approvals (approver, decision, at)', 'Approved by other than author', 'Gate decision', 'Unauthorized'], rowsOf(records.deployments).map((d) => {
        const change = d.change as { reference: string; title: string; class: string; author: Named };
        const gate = d.gateDecision as { result: string; id: string } | null;
        return [
          text(d.startedAt), `${change.reference} ${change.title}`, change.class, who(change.author),
          rowsOf(d.approvals).map((a) => `${who(a.approver as Named)}: ${text(a.decision)} ${text(a.decidedAt)}${a.isByAuthor ? ' (author)' : ''}${a.isBeforeDeploy ? '' : ' (after deploy)'}${a.comment ? `, comment: ${text(a.comment)}` : ''}`).join('\n') || '—',
          yesNo(Boolean(d.hasApprovalByOtherThanAuthor)), gate ? `${gate.result} (${gate.id})` : 'none', d.isUnauthorized ? 'yes' : 'no',
        ];
      }));
    case 'CTRL-012.2':
      return [
        ...table('Gate decisions', ['Evaluated', 'Change', 'Environment', 'Result', 'Reasons', 'Policy version'], rowsOf(records.gateDecisions).map((g) => [
          text(g.evaluatedAt), text(g.change), text(g.environment), text(g.result), rowsOf(g.reasons).map((r) => `${text(r.control)} ${text(r.code)}`).join('\n') || '—', text(g.policyVersion),
        ])),
        ...table('Freeze overrides', ['Change', 'Granted by', 'Granted', 'Expires', 'Revoked', 'Justification'], rowsOf(records.overrides).map((o) => [
          text(o.change), who(o.grantedBy as Named), text(o.grantedAt), text(o.expiresAt), text(o.revokedAt), text(o.justification),
        ])),
        ...table('Declared freezes', ['Starts', 'Ends', 'Reason'], rowsOf(records.declaredFreezes).map((f) => [text(f.startsAt), text(f.endsAt), text(f.reason)])),
        ...table('Holidays', ['Date', 'Name'], rowsOf(records.holidays).map((h) => [text(h.date), text(h.name)])),
        ...table('Incidents', ['Incident', 'Severity', 'Started', 'Resolved', 'Title'], rowsOf(records.incidents).map((i) => [text(i.reference), text(i.severity), text(i.startedAt), text(i.resolvedAt), text(i.title)])),
      ];
    case 'CTRL-012.3':
      return table('Migrations executed', ['Executed', 'Change', 'Type', 'Title', 'Outcome', 'Checklist complete'], rowsOf(records.migrationPlans).map((p) => [
        text(p.executedAt), text(p.change), text(p.type), text(p.title), text(p.outcome), yesNo(Boolean(p.isChecklistComplete)),
      ]));
    case 'CTRL-012.4':
      return [
        ...table(`Stale flags at ${text(records.inventoryAsOf)}`, ['Key', 'Expiry', 'Days stale'], rowsOf(records.staleFlags).map((f) => [text(f.key), text(f.expiry), text(f.daysStale)])),
        ...table('Monthly audits', ['Month', 'Opened', 'Closed', 'Flags'], rowsOf(records.audits).map((a) => [text(a.month), text(a.openedAt), text(a.closedAt), String(rowsOf(a.items).length)])),
      ];
    case 'CTRL-012.5':
      return table('Configuration changes', ['Created', 'Applied', 'Type', 'Title', 'Requested by', 'Confirmations', 'Reported after the fact'], rowsOf(records.configChanges).map((c) => [
        text(c.createdAt), text(c.appliedAt), text(c.type), text(c.title), who(c.requestedBy as Named),
        rowsOf(c.confirmations).map((k) => `${who(k.confirmer as Named)} ${text(k.confirmedAt)}`).join('\n') || '—', yesNo(Boolean(c.isReportedAfter)),
      ]));
    case 'EXCEPTION-PATH':
      return [
        ...table('Exceptions opened', ['Opened', 'Kind', 'Change', 'Requested by', 'Approved by', 'Justification', 'Deadline', 'Status', 'Documented'], rowsOf(records.exceptions).map((e) => [
          text(e.openedAt), text(e.kind), text(e.change), who(e.requestedBy as Named), who(e.approvedBy as Named), text(e.justification), text(e.deadlineAt), e.isOverdue ? 'overdue' : text(e.status), text(e.documentedAt),
        ])),
        ...table('Emergency changes', ['Change', 'First production deploy', 'Documented', 'Within window', 'Second approval', 'Within window', 'Review'], rowsOf(records.emergencyChanges).map((c) => [
          `${text(c.reference)} ${text(c.title)}`, text(c.firstProductionDeployAt), text(c.documentedAt), yesNo(Boolean(c.isDocumentedWithin24h)), text(c.secondApprovalAt), yesNo(Boolean(c.isSecondApprovalWithin24h)), text(c.reviewState),
        ])),
      ];
  }
}

export function evidenceBundleMarkdown(bundle: EvidenceBundle): string {
  const { summary, period } = bundle;
  const counts = Object.entries(summary.counts).map(([name, count]) => [name, String(count)]);
  return [
    `# Evidence: ${EVIDENCE_CONTROL_LABEL[bundle.control]}, ${period.from} to ${period.to}`,
    '',
    `POL-012 ${bundle.control}. Period ${period.from} to ${period.to} (local days in ${markdownInline(period.timeZone)}: ${period.start} up to, not including, ${period.end}). Exported ${bundle.generatedAt} by ${markdownInline(who(bundle.generatedBy))}. All times are ISO 8601 UTC. The JSON export (format ${bundle.format}) holds the complete record.`,
    '',
    `Policy settings in force: ${bundle.policySettingsVersions.map((version) => `version ${version.version} (from ${version.publishedAt}, ${markdownInline(version.timeZone)})`).join('; ') || 'none recorded'}.`,
    '',
    '## Summary',
    '',
    markdownTable(['Count', 'Value'], counts),
    '',
    '## Findings',
    '',
    ...(summary.findings.length ? summary.findings.map((item) => `- ${markdownInline(item.message)} (${item.code})`) : ['- No findings.']),
    ...(summary.isTruncated ? ['', 'The period holds more records than one bundle; export shorter periods for the rest.'] : []),
    '',
    ...recordTables(bundle),
  ].join('\n');
}
