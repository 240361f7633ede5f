import { afterAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { changeEvidence } from '@/lib/server/change-requests/change-evidence';
import { changeEvidenceMarkdown } from '@/lib/server/change-requests/change-evidence-markdown';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { createChangeRow, createTeamWithEngineer, createUser, reviewers, submittedChange } from '@/prisma/factories';

afterAll(() => db.$disconnect());

const AT = new Date('2026-11-24T10:00:00.000Z');
const EXPORTED_AT = new Date('2026-11-25T08:30:00.000Z');
// User text that would break a Markdown document if it were pasted in unescaped.
const HOSTILE_TITLE = '# Drop | the `tables` <b>now</b>';
const HOSTILE_DESCRIPTION = 'First line\n# Not a heading\n| not | a | table |\n<script>alert(1)</script>';

async function approvedOnce() {
  const change = await submittedChange('normal', { title: HOSTILE_TITLE, description: HOSTILE_DESCRIPTION });
  const [reviewer] = await reviewers(1);
  await recordApprovalDecision({ actor: reviewer!, at: AT, changeId: change.id, contentVersion: 1, decision: 'approve', comment: 'Fine | ship it\nafter lunch' });
  return { change, reviewer: reviewer! };
}

describe('changeEvidence', () => {
  test('holds the change, its versions, approvals, verdict, policy version and hash-chained audit events', async () => {
    const { change, reviewer } = await approvedOnce();
    const auditor = await createUser({ role: 'auditor' });

    const evidence = await changeEvidence(auditor, change.id, EXPORTED_AT);

    const row = await db.changeRequest.findUniqueOrThrow({ where: { id: change.id }, select: { number: true, createdAt: true, submittedAt: true } });
    expect(evidence).toMatchObject({
      format: 'changeboard.change-evidence/1',
      generatedAt: EXPORTED_AT.toISOString(),
      generatedBy: { id: auditor.id, email: auditor.email },
      change: {
        id: change.id, reference: `CHG-${row.number}`, title: HOSTILE_TITLE, description: HOSTILE_DESCRIPTION, changeClass: 'normal', status: 'submitted',
        contentVersion: 1, createdAt: row.createdAt.toISOString(), submittedAt: row.submittedAt!.toISOString(), team: { id: change.team.id },
        author: { id: change.author.id, email: change.author.email }, services: [{ service: { id: change.service.id } }],
      },
      approvals: [{
        approver: { id: reviewer.id, email: reviewer.email }, decision: 'approve', comment: 'Fine | ship it\nafter lunch', contentVersion: 1,
        isCurrent: true, wasStaffPlus: false, decidedAt: AT.toISOString(),
      }],
      approvalVerdict: { state: 'pending', approverIds: [reviewer.id], missing: [{ control: 'CTRL-012.1', code: 'APPROVALS_MISSING', message: 'Needs 1 more approval.' }] },
      emergencyReview: null,
    });
    expect(evidence.contentVersions).toHaveLength(1);
    expect(evidence.contentVersions[0]).toMatchObject({ contentVersion: 1, createdBy: { id: change.author.id }, snapshot: { title: HOSTILE_TITLE, changeClass: 'normal' } });

    const policy = await db.policySettings.findFirstOrThrow({ orderBy: { version: 'desc' }, select: { version: true, timeZone: true } });
    expect(evidence.policySettings).toEqual(policy);

    const events = await db.auditEvent.findMany({ where: { entityType: 'change', entityId: change.id }, orderBy: { seq: 'asc' }, select: { seq: true, action: true, actorId: true, rowHash: true, prevHash: true } });
    expect(evidence.auditEvents.map((event) => event.action)).toEqual(['change.created', 'change.submitted', 'change.approved']);
    expect(evidence.auditEvents).toEqual(events.map((event, index) => expect.objectContaining({
      seq: Number(event.seq),
      actor: expect.objectContaining({ id: event.actorId }),
      rowHash: Buffer.from(event.rowHash).toString('hex'),
      prevHash: Buffer.from(event.prevHash).toString('hex'),
      changeSet: evidence.auditEvents[index]!.changeSet,
    })));
    expect(evidence.auditEvents[2]!.rowHash).toMatch(/^[0-9a-f]{64}$/);
    // Everything survives a round trip through JSON: no Date, bigint or bytes left inside.
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(evidence);
  });

  test("another team's draft is not found, as if it did not exist; its team sees it", async () => {
    const { team, service, engineer } = await createTeamWithEngineer();
    const draft = await createChangeRow({ teamId: team.id, authorId: engineer.id, serviceIds: [service.id], status: 'draft' });
    const [outsider, teammate] = await Promise.all([createUser(), createUser({ teamId: team.id })]);

    await expect(changeEvidence(outsider, draft.id, EXPORTED_AT)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(changeEvidence(teammate, draft.id, EXPORTED_AT)).resolves.toMatchObject({ change: { id: draft.id, status: 'draft' } });
  });
});

describe('changeEvidenceMarkdown', () => {
  test('summarises the evidence in tables, with every piece of user text escaped', async () => {
    const { change, reviewer } = await approvedOnce();
    const evidence = await changeEvidence(change.author, change.id, EXPORTED_AT);

    const markdown = changeEvidenceMarkdown(evidence);
    const lines = markdown.split('\n');

    expect(lines[0]).toBe(`# ${evidence.change.reference} evidence: \\# Drop \\| the \\\`tables\\\` \\<b\\>now\\</b\\>`);
    // The only headings are the document's own.
    expect(lines.filter((line) => line.startsWith('#'))).toEqual([
      lines[0], '## Change', '### Description',
      ...(evidence.change.rollbackPlan ? ['### Rollback plan'] : []), ...(evidence.change.notes ? ['### Notes'] : []),
      '## Approval verdict (CTRL-012.1)', '## Approvals', '## Content versions', expect.stringMatching(/^### v1, /), '## Audit trail',
    ]);
    expect(markdown).toContain('First line\\\n\\# Not a heading\\\n\\| not \\| a \\| table \\|\\\n\\<script\\>alert(1)\\</script\\>');
    // Raw HTML appears only inside the snapshots' fenced code blocks, where it is literal text.
    expect(markdown.replace(/^(`{3,})json\n[\s\S]*?\n\1$/gm, '')).not.toMatch(/<script>/);
    expect(markdown).toContain('State: **pending**');
    expect(markdown).toContain('- Needs 1 more approval. (CTRL-012.1, APPROVALS_MISSING)');
    expect(markdown).toContain(`\\<${reviewer.email}\\> | approve | Fine \\| ship it<br>after lunch | v1 | yes | no | ${AT.toISOString()} |`);
    for (const event of evidence.auditEvents) expect(markdown).toContain(`| ${event.seq} | ${event.at} | ${event.action} | CTRL-012.1 |`);
    // Every table row has exactly the columns of its header: user text added no cell.
    const tableLines = lines.filter((line) => line.startsWith('| '));
    expect(tableLines.length).toBeGreaterThan(30);
    for (const line of tableLines) expect([3, 8]).toContain((line.match(/(?<!\\)\|/g) ?? []).length);
  });
});
