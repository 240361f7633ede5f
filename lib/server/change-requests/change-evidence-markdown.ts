// The evidence of one change as a Markdown summary for people (the JSON export is the complete
// record). Pure. Every piece of user text goes through lib/format/markdown, so a title, comment or
// audit detail cannot change the document's structure.
import { markdownCodeBlock, markdownInline, markdownTable, markdownText } from '@/lib/format/markdown';
import { CHANGE_CLASS_INFO, CHANGE_STATUS_LABEL } from '@/lib/policy/change-class';
import { controlForAction } from '@/lib/policy/audit-controls';
import type { ChangeEvidence } from '@/lib/server/change-requests/change-evidence';

type Named = { name: string | null; email: string | null; id?: string } | null;

const who = (person: Named): string => (person ? [person.name, person.email && `<${person.email}>`].filter(Boolean).join(' ') || (person.id ?? '') : 'the system');
const when = (iso: string | null): string => iso ?? '—';
const list = (items: readonly string[]): string => (items.length ? items.join('\n') : '—');

function changeTable({ change }: ChangeEvidence): string {
  const rows: [string, string][] = [
    ['Reference', change.reference],
    ['Title', change.title],
    ['Class', `${CHANGE_CLASS_INFO[change.changeClass].label} (needs ${CHANGE_CLASS_INFO[change.changeClass].approval})`],
    ['Risk', change.risk],
    ['Status', CHANGE_STATUS_LABEL[change.status]],
    ['Outcome', change.outcome ?? '—'],
    ['Team', change.team.name],
    ['Author', who(change.author)],
    ['Co-authors', list(change.coAuthors.map(({ user }) => who(user)))],
    ['Services', list(change.services.map(({ service }) => service.name))],
    ['Environments', list(change.environments.map(({ environment }) => environment.name))],
    ['Pull requests', list(change.pullRequestUrls)],
    ['Pull request label', change.prLabel ?? '—'],
    ['Changed paths', list(change.changedPaths)],
    ['ADR', change.adrUrl ?? '—'],
    ['Planned window', change.plannedStart || change.plannedEnd ? `${when(change.plannedStart)} → ${when(change.plannedEnd)}` : '—'],
    ['Pull request opened', when(change.prOpenedAt)],
    ['Created', when(change.createdAt)],
    ['Submitted', when(change.submittedAt)],
    ['First production deploy', when(change.firstProductionDeployAt)],
    ['Closed', when(change.closedAt)],
    ['Last updated', when(change.updatedAt)],
    ['Content version (approvals attach to it)', String(change.contentVersion)],
    ['Row version', String(change.version)],
  ];
  return markdownTable(['Field', 'Value'], rows);
}

function verdictSection({ approvalVerdict, emergencyReview }: ChangeEvidence): string[] {
  const missing = approvalVerdict.missing.length
    ? approvalVerdict.missing.map((reason) => `- ${markdownInline(reason.message)} (${reason.control}, ${reason.code})`)
    : ['- Nothing is missing.'];
  const emergency = emergencyReview
    ? [`Emergency review (exception path): **${emergencyReview.state}**, deadline ${when(emergencyReview.deadline)}, second approval ${emergencyReview.hasSecondApproval ? 'given' : 'not given'}, record ${emergencyReview.isDocumented ? 'completed' : 'not completed'}.`, '']
    : [];
  return ['## Approval verdict (CTRL-012.1)', '', `State: **${approvalVerdict.state}**`, '', ...missing, '', ...emergency];
}

/** Text sections of the change, when it has them. */
function narrative({ change }: ChangeEvidence): string[] {
  const sections: [string, string][] = [['Description', change.description], ['Rollback plan', change.rollbackPlan], ['Notes', change.notes]];
  return sections.filter(([, text]) => text.trim()).flatMap(([title, text]) => [`### ${title}`, '', markdownText(text), '']);
}

export function changeEvidenceMarkdown(evidence: ChangeEvidence): string {
  const { change } = evidence;
  return [
    `# ${change.reference} evidence: ${markdownInline(change.title)}`,
    '',
    `Exported ${evidence.generatedAt} by ${markdownInline(who(evidence.generatedBy))} for POL-012 CTRL-012.1, under policy settings version ${evidence.policySettings.version} (time zone ${markdownInline(evidence.policySettings.timeZone)}). All times are ISO 8601 UTC. The JSON export (format ${evidence.format}) holds the complete record.`,
    '',
    '## Change',
    '',
    changeTable(evidence),
    '',
    ...narrative(evidence),
    ...verdictSection(evidence),
    '## Approvals',
    '',
    evidence.approvals.length
      ? markdownTable(
        ['Approver', 'Decision', 'Comment', 'Content version', 'Counts now', 'Staff+ then', 'Decided at'],
        evidence.approvals.map((approval) => [
          who(approval.approver), approval.decision, approval.comment || '—', `v${approval.contentVersion}`,
          approval.isCurrent ? 'yes' : 'no (older version)', approval.wasStaffPlus ? 'yes' : 'no', approval.decidedAt,
        ]),
      )
      : 'No decisions recorded.',
    '',
    '## Content versions',
    '',
    ...evidence.contentVersions.flatMap((version) => [
      `### v${version.contentVersion}, ${version.createdAt}, by ${markdownInline(who(version.createdBy))}`,
      '',
      markdownCodeBlock(JSON.stringify(version.snapshot, null, 2), 'json'),
      '',
    ]),
    '## Audit trail',
    '',
    evidence.auditEvents.length
      ? markdownTable(
        ['Seq', 'At', 'Action', 'Control', 'Actor', 'Details', 'Row hash (SHA-256)'],
        evidence.auditEvents.map((event) => [
          String(event.seq), event.at, event.action, controlForAction(event.action) ?? '—', who(event.actor), JSON.stringify(event.changeSet), event.rowHash,
        ]),
      )
      : 'No events recorded.',
    '',
  ].join('\n');
}
