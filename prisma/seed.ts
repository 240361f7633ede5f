// Demo data: idempotent (safe to run again), written with audit events like any other change.
// Run automatically by `npm run dev` when it creates the embedded database; `npm run db:seed` reruns it.
import { db, type Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
import { submitChangeRequest } from '@/lib/server/change-requests/submit-change-request';
import { recordApprovalDecision } from '@/lib/server/change-requests/record-approval-decision';
import { recordDeployment } from '@/lib/server/deployments/record-deployment';
import { ZRecordDeploymentBody } from '@/lib/schemas/deployment-api';
import { ZChangeRequestContent, type ChangeRequestContent } from '@/lib/schemas/change-request';

const TEAMS = [
  { slug: 'payments', name: 'Payments' },
  { slug: 'platform', name: 'Platform' },
  { slug: 'identity', name: 'Identity' },
];

const SERVICES = [
  { slug: 'checkout-api', name: 'Checkout API', team: 'payments' },
  { slug: 'billing-worker', name: 'Billing worker', team: 'payments' },
  { slug: 'api-gateway', name: 'API gateway', team: 'platform' },
  { slug: 'kubernetes-cluster', name: 'Kubernetes cluster', team: 'platform' },
  { slug: 'auth-service', name: 'Auth service', team: 'identity' },
  { slug: 'user-profile', name: 'User profile', team: 'identity' },
];

const ENVIRONMENTS = [
  { slug: 'production', name: 'Production', isProduction: true, isGated: true },
  { slug: 'staging', name: 'Staging', isProduction: false, isGated: false },
];

type DemoChange = {
  author: string;
  draft: Pick<ChangeRequestContent, 'title' | 'description' | 'changeClass' | 'risk'> & Partial<Pick<ChangeRequestContent, 'changedPaths' | 'pullRequestUrls' | 'adrUrl' | 'rollbackPlan'>>;
  team: string;
  /** Linked to these demo incidents (by title). */
  incidents?: { title: string; link: 'fixes' | 'caused' }[];
  services: string[];
  /** Submitted for approval, then approved by these people in order. */
  submit?: { approvedBy: string[] };
  /** Deployed to production this many hours before the seed runs (by its author, without a gate decision). */
  deployedHoursAgo?: number;
};

const CHANGES: DemoChange[] = [
  {
    author: 'engineer1@changeboard.test', team: 'payments', services: ['checkout-api'],
    draft: { title: 'Enable new checkout flow behind payments-new-checkout-release', description: 'Rolls out the redesigned checkout to 10% of users behind its release flag.', changeClass: 'standard', risk: 'low', pullRequestUrls: ['https://git.example.com/payments/checkout/pull/412'], changedPaths: ['src/checkout/flow.ts'], rollbackPlan: 'Turn the release flag off.' },
    submit: { approvedBy: ['engineer2@changeboard.test'] },
  },
  {
    author: 'engineer1@changeboard.test', team: 'payments', services: ['billing-worker'],
    draft: { title: 'Add invoice_currency column to invoices', description: 'Additive schema migration; backfill follows in a separate change.', changeClass: 'normal', risk: 'medium', pullRequestUrls: ['https://git.example.com/payments/billing/pull/88'], changedPaths: ['prisma/migrations/20261120_invoice_currency/migration.sql', 'src/invoices/model.ts'], rollbackPlan: 'The column is nullable and unused until the backfill; drop it if needed.' },
    submit: { approvedBy: ['staff2@changeboard.test'] },
  },
  {
    author: 'engineer2@changeboard.test', team: 'identity', services: ['auth-service'],
    draft: { title: 'Rotate session signing keys', description: 'Scheduled rotation of the session signing keys.', changeClass: 'normal', risk: 'medium' },
  },
  {
    author: 'staff1@changeboard.test', team: 'platform', services: ['kubernetes-cluster', 'api-gateway'],
    draft: { title: 'Upgrade Kubernetes cluster to 1.34', description: 'Canary node pool first, then rolling upgrade.', changeClass: 'major', risk: 'high', adrUrl: 'https://git.example.com/platform/adr/blob/main/041-kubernetes-1-34.md', changedPaths: ['infra/cluster/versions.tf'], rollbackPlan: 'Drain the new node pool and fail back to the 1.33 pool.' },
    submit: { approvedBy: ['staff2@changeboard.test'] },
  },
  {
    author: 'staff2@changeboard.test', team: 'payments', services: ['checkout-api'],
    draft: { title: 'Hotfix: checkout fails on an empty cart', description: 'Restores checkout for carts emptied in another tab (incident in progress).', changeClass: 'emergency', risk: 'medium', pullRequestUrls: ['https://git.example.com/payments/checkout/pull/415'], changedPaths: ['src/checkout/cart.ts'] },
    incidents: [{ title: 'Checkout errors on empty carts', link: 'fixes' }],
    submit: { approvedBy: ['engineer1@changeboard.test'] },
    deployedHoursAgo: 3,
  },
];

type DemoIncident = {
  title: string;
  severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
  commander: string;
  services: string[];
  /** Started and resolved this many hours before the seed runs. */
  startedHoursAgo: number;
  resolvedHoursAgo: number | null;
};

const INCIDENTS: DemoIncident[] = [
  { title: 'Checkout errors on empty carts', severity: 'sev2', commander: 'manager1@changeboard.test', services: ['checkout-api'], startedHoursAgo: 4, resolvedHoursAgo: 2.5 },
];

async function ensure<T>(find: () => Promise<T | null>, create: (tx: Tx) => Promise<T>): Promise<T> {
  return (await find()) ?? db.$transaction(create);
}

function actorByEmail(email: string) {
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
}

async function seed(at: Date) {
  const teams = new Map<string, string>();
  for (const team of TEAMS) {
    const row = await ensure(() => db.team.findUnique({ where: { slug: team.slug }, select: { id: true } }), async (tx) => {
      const created = await tx.team.create({ data: team, select: { id: true } });
      await appendAudit(tx, { action: 'team.created', entityType: 'team', entityId: created.id, at, changeSet: { ...team, source: 'seed' } });
      return created;
    });
    teams.set(team.slug, row.id);
  }

  const services = new Map<string, string>();
  for (const { team, ...service } of SERVICES) {
    const row = await ensure(() => db.service.findUnique({ where: { slug: service.slug }, select: { id: true } }), async (tx) => {
      const created = await tx.service.create({ data: { ...service, teamId: teams.get(team)! }, select: { id: true } });
      await appendAudit(tx, { action: 'service.created', entityType: 'service', entityId: created.id, at, changeSet: { ...service, team, source: 'seed' } });
      return created;
    });
    services.set(service.slug, row.id);
  }

  for (const environment of ENVIRONMENTS) {
    await ensure(() => db.environment.findUnique({ where: { slug: environment.slug }, select: { id: true } }), async (tx) => {
      const created = await tx.environment.create({ data: environment, select: { id: true } });
      await appendAudit(tx, { action: 'environment.created', entityType: 'environment', entityId: created.id, at, changeSet: { ...environment, source: 'seed' } });
      return created;
    });
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const { teamSlug, description: _description, ...account } of DEMO_ACCOUNTS) {
    await ensure(() => db.user.findUnique({ where: { email: account.email }, select: { id: true } }), async (tx) => {
      const teamId = teamSlug ? teams.get(teamSlug)! : null;
      const created = await tx.user.create({ data: { ...account, teamId, passwordHash }, select: { id: true } });
      await appendAudit(tx, { action: 'user.created', entityType: 'user', entityId: created.id, at, changeSet: { ...account, teamSlug, source: 'seed' } });
      return created;
    });
  }

  const incidents = new Map<string, string>();
  for (const incident of INCIDENTS) {
    const commander = await actorByEmail(incident.commander);
    const hoursAgo = (hours: number) => new Date(at.getTime() - hours * 3_600_000);
    const row = await ensure(() => db.incident.findFirst({ where: { title: incident.title }, select: { id: true } }), async (tx) => {
      const data = {
        title: incident.title, severity: incident.severity, commanderId: commander.id,
        startedAt: hoursAgo(incident.startedHoursAgo), resolvedAt: incident.resolvedHoursAgo === null ? null : hoursAgo(incident.resolvedHoursAgo),
      };
      const created = await tx.incident.create({
        data: { ...data, services: { create: incident.services.map((slug) => ({ serviceId: services.get(slug)! })) } },
        select: { id: true },
      });
      await appendAudit(tx, { action: 'incident.recorded', entityType: 'incident', entityId: created.id, at, changeSet: { ...data, startedAt: data.startedAt.toISOString(), resolvedAt: data.resolvedAt?.toISOString() ?? null, services: incident.services, source: 'seed' } });
      return created;
    });
    incidents.set(incident.title, row.id);
  }

  const production = await db.environment.findUniqueOrThrow({ where: { slug: 'production' }, select: { id: true } });
  for (const change of CHANGES) {
    const author = await actorByEmail(change.author);
    const exists = await db.changeRequest.findFirst({ where: { authorId: author.id, title: change.draft.title }, select: { id: true } });
    if (exists) continue;
    const { id } = await createChangeRequest({
      actor: author,
      at,
      content: ZChangeRequestContent.parse({
        ...change.draft, teamId: teams.get(change.team)!, serviceIds: change.services.map((slug) => services.get(slug)!), environmentIds: [production.id],
        incidentLinks: (change.incidents ?? []).map(({ title, link }) => ({ incidentId: incidents.get(title)!, link })),
      }),
    });
    if (!change.submit) continue;
    await submitChangeRequest({ actor: author, at, changeId: id, expectedVersion: 1 });
    for (const email of change.submit.approvedBy) {
      await recordApprovalDecision({ actor: await actorByEmail(email), at, changeId: id, contentVersion: 1, decision: 'approve', comment: 'Reviewed the pull request.' });
    }
    if (change.deployedHoursAgo !== undefined) {
      const startedAt = new Date(at.getTime() - change.deployedHoursAgo * 3_600_000);
      await recordDeployment({ actor: author, at, deployment: ZRecordDeploymentBody.parse({ changeId: id, environmentSlug: 'production', status: 'succeeded', startedAt: startedAt.toISOString() }) });
    }
  }
}

const started = Date.now();
await seed(new Date());
await db.$disconnect();
console.log(`Demo data is in place (${Date.now() - started} ms).`);
