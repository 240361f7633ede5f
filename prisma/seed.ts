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
import { declareIncident } from '@/lib/server/incidents/declare-incident';
import { createHoliday } from '@/lib/server/calendar/create-holiday';
import { createDeclaredFreeze } from '@/lib/server/calendar/create-declared-freeze';
import { createMigrationPlan } from '@/lib/server/migrations/create-migration-plan';
import { createConfigChange } from '@/lib/server/config-changes/create-config-change';
import { reportConfigChange } from '@/lib/server/config-changes/report-config-change';
import { currentPolicySettings } from '@/lib/server/policy-settings/queries';
import { ZNewMigrationPlan } from '@/lib/schemas/migration-plan';
import { ZNewConfigChange, ZReportedConfigChange } from '@/lib/schemas/config-change';
import { localCalendarDate } from '@/lib/time/local-day';
import { createFeature } from '@/lib/server/flags/create-feature';
import { createFlag } from '@/lib/server/flags/create-flag';
import { ZNewFlag } from '@/lib/schemas/flag';
import { ZFeatureCreate } from '@/lib/schemas/flag-discipline';
import { generateScaleData } from '@/lib/server/scale-data/generate-scale-data';

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
  // Active but below SEV2: it shows on the calendar without holding any deploy.
  { title: 'Elevated latency on the API gateway', severity: 'sev3', commander: 'staff1@changeboard.test', services: ['api-gateway'], startedHoursAgo: 1, resolvedHoursAgo: null },
];

/** Company holidays by month and day; the seed adds each one's next occurrence. */
const HOLIDAYS = [
  { monthDay: '12-25', name: 'Christmas Day' },
  { monthDay: '12-26', name: 'Boxing Day' },
  { monthDay: '01-01', name: "New Year's Day" },
];

const NARRATIVE = {
  rollbackPlan: 'Drop the column; nothing reads it before the backfill.',
  successCriteria: 'Invoice API error rate unchanged; every invoice has a currency once backfilled.',
  monitoring: 'Billing DB dashboard: lock waits, replication lag, backfill progress.',
  communicationPlan: 'Payments and finance data teams told in #billing-changes.',
};

/** Migration plans of a demo change (by title): one ready, one that the gate holds until its dry run. */
const MIGRATION_PLANS = [
  {
    change: 'Add invoice_currency column to invoices', author: 'engineer1@changeboard.test',
    plan: { type: 'schema_additive', title: 'Add nullable invoice_currency column', ...NARRATIVE, details: { isBackwardCompatible: true, stagingTest: 'Applied to the staging copy of production (41M invoices) in 3 s; no lock waits.' } },
  },
  {
    change: 'Add invoice_currency column to invoices', author: 'engineer1@changeboard.test',
    plan: { type: 'data_backfill', title: 'Backfill invoice_currency from the account currency', ...NARRATIVE, details: { batchSize: 5000, rateLimit: '20 batches a minute', resumeStrategy: 'Keyset on invoice id; restarts from the last committed id.' } },
  },
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
    const existing = await db.incident.findFirst({ where: { title: incident.title }, select: { id: true } });
    const row = existing ?? await declareIncident({
      actor: commander, at,
      incident: {
        title: incident.title, summary: '', severity: incident.severity, commanderId: commander.id, serviceIds: incident.services.map((slug) => services.get(slug)!),
        startedAt: hoursAgo(incident.startedHoursAgo), resolvedAt: incident.resolvedHoursAgo === null ? null : hoursAgo(incident.resolvedHoursAgo),
      },
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

  for (const { change: title, author, plan } of MIGRATION_PLANS) {
    const change = await db.changeRequest.findFirstOrThrow({ where: { title }, select: { id: true } });
    if (await db.migrationPlan.findFirst({ where: { changeRequestId: change.id, title: plan.title }, select: { id: true } })) continue;
    await createMigrationPlan({ actor: await actorByEmail(author), at, changeId: change.id, plan: ZNewMigrationPlan.parse(plan) });
  }
  await seedCalendar(at, await actorByEmail('manager1@changeboard.test'), services);
  await seedConfigChanges(at, production.id, services);
  await seedFlags(at, teams);
  await seedHistory(at);
}

/**
 * Three more teams with 90 days of history behind them (deploys, failures, approvals, incidents,
 * migrations, configuration changes, flags), so the KPI dashboard has trends to show. Written by the
 * scale-data generator, which records one audit event for the whole history.
 */
const HISTORY_TEAMS = [
  { slug: 'search', name: 'Search' },
  { slug: 'mobile', name: 'Mobile apps' },
  { slug: 'data', name: 'Data platform' },
];

async function seedHistory(at: Date) {
  if (await db.team.findUnique({ where: { slug: HISTORY_TEAMS[0]!.slug }, select: { id: true } })) return;
  await generateScaleData(db, { options: { changes: 360, perDay: 4, seed: 12 }, at, teams: HISTORY_TEAMS, changeTitlePrefix: null });
}

/** User-facing features: checkout has its kill switch, avatars do not (the kill-switch list flags it). */
const FEATURES = [
  { key: 'checkout', name: 'Checkout', description: 'Cart to payment confirmation.', team: 'payments' },
  { key: 'profile-avatars', name: 'Profile avatars', description: 'Uploaded pictures on user profiles.', team: 'identity' },
];

/** Flags, each created `daysAgo` at its rollout then; the legacy login flag has been at 100 % long enough to be stale. */
const FLAGS = [
  { key: 'payments-new-checkout-release', type: 'release', team: 'payments', owner: 'engineer1@changeboard.test', feature: 'checkout', rolloutPercent: 10, daysAgo: 3, purpose: 'Roll the redesigned checkout out gradually.' },
  { key: 'payments-checkout-kill-ops', type: 'ops', team: 'payments', owner: 'staff2@changeboard.test', feature: 'checkout', rolloutPercent: 100, daysAgo: 200, purpose: 'Kill switch: turns checkout off and shows the maintenance page.' },
  { key: 'identity-legacy-login-release', type: 'release', team: 'identity', owner: 'engineer2@changeboard.test', feature: null, rolloutPercent: 100, daysAgo: 45, purpose: 'Switched everyone to the new login form; the old one can go.' },
  { key: 'platform-search-ranking-experiment', type: 'experiment', team: 'platform', owner: 'staff1@changeboard.test', feature: null, rolloutPercent: 50, daysAgo: 20, purpose: 'A/B test of the new search ranking.' },
] as const;

async function seedFlags(at: Date, teams: Map<string, string>) {
  const features = new Map<string, string>();
  for (const { team, ...feature } of FEATURES) {
    const existing = await db.feature.findUnique({ where: { key: feature.key }, select: { id: true } });
    const row = existing ?? await createFeature({ actor: await actorByEmail('manager1@changeboard.test'), at, input: ZFeatureCreate.parse({ ...feature, teamId: teams.get(team)! }) });
    features.set(feature.key, row.id);
  }
  for (const flag of FLAGS) {
    if (await db.featureFlag.findUnique({ where: { key: flag.key }, select: { id: true } })) continue;
    const owner = await actorByEmail(flag.owner);
    await createFlag({
      actor: owner, at: new Date(at.getTime() - flag.daysAgo * 86_400_000), source: 'portal',
      input: ZNewFlag.parse({ key: flag.key, type: flag.type, teamId: teams.get(flag.team)!, ownerId: owner.id, purpose: flag.purpose, featureId: flag.feature ? features.get(flag.feature)! : null, rolloutPercent: flag.rolloutPercent }),
    });
  }
}

async function seedCalendar(at: Date, manager: Awaited<ReturnType<typeof actorByEmail>>, services: Map<string, string>) {
  const { timeZone } = await currentPolicySettings();
  const today = localCalendarDate(at, timeZone);
  const year = Number(today.slice(0, 4));
  for (const holiday of HOLIDAYS) {
    const thisYear = `${year}-${holiday.monthDay}`;
    const date = thisYear >= today ? thisYear : `${year + 1}-${holiday.monthDay}`;
    if (await db.holiday.findUnique({ where: { date: new Date(`${date}T00:00:00Z`) }, select: { id: true } })) continue;
    await createHoliday({ actor: manager, at, date, name: holiday.name });
  }
  // A week ahead and scoped to one service, so the demo shows a freeze without holding other changes.
  const reason = 'Kubernetes control-plane maintenance by the cloud provider';
  if (await db.declaredFreeze.findFirst({ where: { reason }, select: { id: true } })) return;
  const startsAt = new Date(at.getTime() + 7 * 86_400_000);
  await createDeclaredFreeze({ actor: manager, at, reason, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 86_400_000), serviceIds: [services.get('kubernetes-cluster')!], environmentIds: [] });
}

/** A manual secret rotation waiting for its second person, and a DNS change made outside its process. */
async function seedConfigChanges(at: Date, productionId: string, services: Map<string, string>) {
  const requester = await actorByEmail('engineer2@changeboard.test');
  const rotation = 'Rotate the payment provider API key';
  if (!(await db.configChange.findFirst({ where: { title: rotation }, select: { id: true } }))) {
    await createConfigChange({
      actor: requester, at,
      input: ZNewConfigChange.parse({ type: 'secret_rotation', title: rotation, environmentId: productionId, serviceId: services.get('checkout-api'), details: { secretName: 'payment-provider-api-key', mode: 'manual', automationRunUrl: '' } }),
    });
  }
  const dns = 'Point status.example.com at the new status page';
  if (await db.configChange.findFirst({ where: { title: dns }, select: { id: true } })) return;
  await reportConfigChange({
    actor: await actorByEmail('manager1@changeboard.test'), at,
    input: ZReportedConfigChange.parse({
      type: 'dns', title: dns, environmentId: productionId, appliedAt: new Date(at.getTime() - 26 * 3_600_000).toISOString(), madeById: requester.id,
      details: { record: 'status.example.com CNAME', pullRequestUrl: '', rolloutTtlSeconds: 3600 },
    }),
  });
}

const started = Date.now();
await seed(new Date());
await db.$disconnect();
console.log(`Demo data is in place (${Date.now() - started} ms).`);
