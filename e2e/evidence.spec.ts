// Evidence for auditors (POL-012 evidence artifacts): a control's bundle for a period, and the
// exceptions log exported with its filters, people's words kept as text.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { asUser, db, expectNoAxeViolations } from './fixtures';
import { createChangeRow, createEnvironment, createTeamWithEngineer, reviewers } from '@/prisma/factories';

const HOSTILE = '=HYPERLINK("http://x") <script>alert(1)</script> [x](javascript:alert(1))';

test.describe('[EVIDENCE] an auditor exports evidence', () => {
  test.use(asUser('auditor1@changeboard.test'));

  test("a quarter's CTRL-012.1 bundle: the summary on the page, the seeded deploy with its approvals in the JSON", async ({ page }) => {
    const { team, service, engineer: author } = await createTeamWithEngineer();
    const [reviewer] = await reviewers(1);
    const production = await createEnvironment({ isProduction: true });
    const title = `Evidence e2e ${randomUUID().slice(0, 8)}`;
    const change = await createChangeRow({ teamId: team.id, authorId: author.id, serviceIds: [service.id], status: 'deployed', title, createdAt: new Date('2020-05-01T09:00:00Z') });
    await db.approval.create({ data: { changeRequestId: change.id, approverId: reviewer!.id, contentVersion: 1, decision: 'approve', comment: HOSTILE, wasStaffPlus: false, decidedAt: new Date('2020-05-04T09:00:00Z') } });
    const deployment = await db.deployment.create({ data: { changeRequestId: change.id, environmentId: production.id, status: 'succeeded', startedAt: new Date('2020-05-05T12:00:00Z') }, select: { id: true } });

    await page.goto('/audit/evidence');
    await page.getByLabel('Control').selectOption('CTRL-012.1');
    await page.getByLabel('First day').fill('2020-04-01');
    await page.getByLabel('Last day').fill('2020-06-30');
    await page.getByRole('button', { name: 'Show evidence' }).click();

    await expect(page).toHaveURL(/control=CTRL-012\.1&from=2020-04-01&to=2020-06-30/);
    await expect(page.getByRole('heading', { name: 'Summary: CTRL-012.1 Change classification and approvals, 2020-04-01 to 2020-06-30' })).toBeVisible();
    const expectedCount = await db.deployment.count({ where: { environment: { isProduction: true }, startedAt: { gte: new Date('2020-04-01T00:00:00Z'), lt: new Date('2020-07-01T00:00:00Z') } } });
    await expect(page.getByRole('row', { name: `Production deployments ${expectedCount}` })).toBeVisible();
    // The seeded deploy has no gate decision behind it.
    await expect(page.getByRole('list', { name: 'Findings' })).toContainText('without a gate decision on record');
    await expectNoAxeViolations(page);

    const href = await page.getByRole('link', { name: 'Download JSON' }).getAttribute('href');
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toBe('attachment; filename="evidence-CTRL-012.1-2020-04-01-2020-06-30.json"');
    const bundle = await response.json();
    expect(bundle).toMatchObject({ format: 'changeboard.evidence-bundle/1', control: 'CTRL-012.1', period: { from: '2020-04-01', to: '2020-06-30' }, generatedBy: { email: 'auditor1@changeboard.test' } });
    expect(bundle.summary.counts.productionDeployments).toBe(expectedCount);
    const record = bundle.records.deployments.find((item: { id: string }) => item.id === deployment.id);
    expect(record).toMatchObject({
      change: { id: change.id, reference: `CHG-${change.number}`, title, class: 'standard', author: { id: author.id } },
      approvals: [{ approver: { id: reviewer!.id }, decision: 'approve', comment: HOSTILE, isByAuthor: false, isBeforeDeploy: true }],
      hasApprovalByOtherThanAuthor: true,
      gateDecision: null,
    });

    const markdown = await (await page.request.get(href!.replace('export.json', 'export.md'))).text();
    expect(markdown).toContain(`CHG-${change.number} ${title}`);
    expect(markdown).toContain('\\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1))');
  });

  test('a bad period is a clear 400', async ({ page }) => {
    const ends = await page.request.get('/audit/evidence/export.json?control=CTRL-012.1&from=2020-06-30&to=2020-04-01');
    expect(ends.status()).toBe(400);
    expect((await ends.json()).error).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { to: ['The period ends before it starts.'] } });
    const impossible = await page.request.get('/audit/evidence/export.md?control=CTRL-012.1&from=2020-02-30&to=2020-03-01');
    expect(impossible.status()).toBe(400);
    expect((await page.request.get('/audit/evidence/export.json?control=CTRL-012.1&from=2020-01-01&to=2021-06-30')).status()).toBe(400);

    await page.goto('/audit/evidence?control=CTRL-012.1&from=2020-06-30&to=2020-04-01');
    await expect(page.locator('#evidence-to-error')).toHaveText('The period ends before it starts.');
  });

  test("the exceptions log's exports keep an override's justification as text", async ({ page }) => {
    const { team, service, engineer: author } = await createTeamWithEngineer();
    const [manager] = await reviewers(1, { role: 'manager' });
    const change = await createChangeRow({ teamId: team.id, authorId: author.id, serviceIds: [service.id], status: 'approved' });
    const justification = `${HOSTILE} ${randomUUID().slice(0, 8)}`;
    const grantedAt = new Date();
    const expiresAt = new Date(grantedAt.getTime() + 3_600_000);
    const override = await db.freezeOverride.create({ data: { changeRequestId: change.id, grantedById: manager!.id, justification, grantedAt, expiresAt }, select: { id: true } });
    await db.policyException.create({ data: { kind: 'freeze_override', status: 'documented', changeRequestId: change.id, overrideId: override.id, requestedById: author.id, approvedById: manager!.id, justification, openedAt: grantedAt, deadlineAt: expiresAt, documentedAt: grantedAt } });

    await page.goto('/exceptions');
    await page.getByLabel('Kind').selectOption('freeze_override');
    await page.getByLabel('Change', { exact: true }).fill(`CHG-${change.number}`);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // The GET form sends every field, empty ones too.
    await expect(page).toHaveURL(new RegExp(`kind=freeze_override&.*change=CHG-${change.number}&`));
    // In HTML the words are shown as typed: no script element, no link.
    const row = page.getByRole('row').filter({ hasText: justification });
    await expect(row).toHaveCount(1);
    await expect(row.locator('script')).toHaveCount(0);
    await expect(row.getByRole('link', { name: 'x', exact: true })).toHaveCount(0);

    const mdHref = await page.getByRole('link', { name: 'Download Markdown' }).getAttribute('href');
    expect(mdHref).toBe(`/exceptions/export.md?kind=freeze_override&change=CHG-${change.number}`);
    const md = await page.request.get(mdHref!);
    expect(md.status()).toBe(200);
    expect(md.headers()['content-type']).toBe('text/markdown; charset=utf-8');
    const markdown = await md.text();
    expect(markdown.split('\n')[0]).toBe('# Exceptions log');
    expect(markdown).toContain(`## ${grantedAt.toISOString().slice(0, 10)}: Freeze override, CHG-${change.number}`);
    expect(markdown).toContain(`> \\=HYPERLINK("http://x") \\<script\\>alert(1)\\</script\\> \\[x\\](javascript:alert(1)) ${justification.slice(-8)}`);
    expect(markdown).not.toMatch(/(?<!\\)<script>/);
    expect(markdown.match(/^## /gm)).toHaveLength(1);

    const csv = await (await page.request.get(mdHref!.replace('export.md', 'export.csv'))).text();
    expect(csv).toContain(`"'${justification.replace(/"/g, '""')}"`);
  });
});

test.describe('[EVIDENCE] who may export', () => {
  test.use(asUser('engineer1@changeboard.test'));

  test('an engineer gets a 404 page and a 403 download', async ({ page }) => {
    const response = await page.goto('/audit/evidence');
    expect(response?.status()).toBe(404);
    const download = await page.request.get('/audit/evidence/export.json?control=CTRL-012.1&from=2020-04-01&to=2020-06-30');
    expect(download.status()).toBe(403);
  });
});
