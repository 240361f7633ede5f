import { describe, expect, test } from 'vitest';
import { evidenceBundleMarkdown } from '@/lib/server/evidence/evidence-bundle-markdown';
import type { EvidenceBundle } from '@/lib/server/evidence/evidence-bundle';

const AUTHOR = { id: 'a', name: 'Erin Engineer', email: 'erin@changeboard.test' };
const REVIEWER = { id: 'r', name: '<img src=x onerror=alert(1)>', email: 'rev@changeboard.test' };

function bundle(overrides: Partial<EvidenceBundle> = {}): EvidenceBundle {
  return {
    format: 'changeboard.evidence-bundle/1',
    control: 'CTRL-012.1',
    period: { from: '2026-07-01', to: '2026-09-30', timeZone: 'UTC', start: '2026-07-01T00:00:00.000Z', end: '2026-10-01T00:00:00.000Z', isEndExclusive: true },
    generatedAt: '2026-11-24T10:00:00.000Z',
    generatedBy: { id: 'u', name: 'Ada Auditor', email: 'auditor@changeboard.test' },
    policySettingsVersions: [{ version: 1, timeZone: 'UTC', publishedAt: '2026-01-01T00:00:00.000Z', note: null }],
    summary: {
      counts: { productionDeployments: 1 },
      findings: [{ code: 'DEPLOY_WITHOUT_INDEPENDENT_APPROVAL', message: '1 deploy without an approval by someone other than the author before the deploy.', count: 1, recordIds: ['d1'] }],
      isTruncated: false,
    },
    records: {
      deployments: [{
        id: 'd1', startedAt: '2026-08-03T12:00:00.000Z', change: { reference: 'CHG-5', title: '[x](javascript:alert(1))', class: 'standard', author: AUTHOR },
        approvals: [{ approver: REVIEWER, decision: 'approve', decidedAt: '2026-08-03T13:00:00.000Z', isByAuthor: false, isBeforeDeploy: false, comment: '=HYPERLINK("http://x")' }],
        hasApprovalByOtherThanAuthor: false, gateDecision: null, isUnauthorized: true,
      }],
    },
    ...overrides,
  };
}

describe('evidenceBundleMarkdown', () => {
  test('heading, policy versions, summary, findings, then the deploy table', () => {
    const markdown = evidenceBundleMarkdown(bundle());
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# Evidence: CTRL-012.1 Change classification and approvals, 2026-07-01 to 2026-09-30');
    expect(markdown).toContain('Policy settings in force: version 1 (from 2026-01-01T00:00:00.000Z, UTC).');
    expect(lines).toContain('- 1 deploy without an approval by someone other than the author before the deploy. (DEPLOY_WITHOUT_INDEPENDENT_APPROVAL)');
    expect(lines).toContain('| productionDeployments | 1 |');
    expect(lines).toContain('## Production deployments');
  });

  test('user text in titles and names stays text: no link, no HTML', () => {
    const markdown = evidenceBundleMarkdown(bundle());
    const row = markdown.split('\n').find((line) => line.startsWith('| 2026-08-03T12:00:00.000Z'));
    expect(row).toContain('CHG-5 \\[x\\](javascript:alert(1))');
    expect(row).toContain('\\<img src=x onerror=alert(1)\\>');
    expect(row).toContain('(after deploy), comment: =HYPERLINK("http://x")');
    expect(row).toMatch(/\| no \| none \| yes \|$/);
    expect(markdown).not.toMatch(/(?<!\\)<img/);
  });

  test('no findings says so', () => {
    expect(evidenceBundleMarkdown(bundle({ summary: { counts: {}, findings: [], isTruncated: false } }))).toContain('- No findings.');
  });
});
