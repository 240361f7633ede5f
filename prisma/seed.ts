// Demo data: idempotent (safe to run again), written with audit events like any other change.
// Run automatically by `npm run dev` when it creates the embedded database; `npm run db:seed` reruns it.
import { db, type Tx } from '@/lib/server/db';
import { appendAudit } from '@/lib/server/audit';
import { hashPassword } from '@/lib/auth/password';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo/demo-accounts';
import { createChangeRequest } from '@/lib/server/change-requests/create-change-request';
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

type DemoChange = { author: string; draft: Pick<ChangeRequestContent, 'title' | 'description' | 'changeClass' | 'risk'>; team: string; services: string[] };

const CHANGES: DemoChange[] = [
  {
    author: 'engineer1@changeboard.test', team: 'payments', services: ['checkout-api'],
    draft: { title: 'Enable new checkout flow behind payments-new-checkout-release', description: 'Rolls out the redesigned checkout to 10% of users behind its release flag.', changeClass: 'standard', risk: 'low' },
  },
  {
    author: 'engineer1@changeboard.test', team: 'payments', services: ['billing-worker'],
    draft: { title: 'Add invoice_currency column to invoices', description: 'Additive schema migration; backfill follows in a separate change.', changeClass: 'normal', risk: 'medium' },
  },
  {
    author: 'engineer2@changeboard.test', team: 'identity', services: ['auth-service'],
    draft: { title: 'Rotate session signing keys', description: 'Scheduled rotation of the session signing keys.', changeClass: 'normal', risk: 'medium' },
  },
  {
    author: 'staff1@changeboard.test', team: 'platform', services: ['kubernetes-cluster', 'api-gateway'],
    draft: { title: 'Upgrade Kubernetes cluster to 1.34', description: 'Canary node pool first, then rolling upgrade. ADR-041.', changeClass: 'major', risk: 'high' },
  },
];

async function ensure<T>(find: () => Promise<T | null>, create: (tx: Tx) => Promise<T>): Promise<T> {
  return (await find()) ?? db.$transaction(create);
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

  for (const change of CHANGES) {
    const author = await db.user.findUniqueOrThrow({ where: { email: change.author }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
    const exists = await db.changeRequest.findFirst({ where: { authorId: author.id, title: change.draft.title }, select: { id: true } });
    if (exists) continue;
    await createChangeRequest({
      actor: author,
      at,
      content: ZChangeRequestContent.parse({ ...change.draft, teamId: teams.get(change.team)!, serviceIds: change.services.map((slug) => services.get(slug)!) }),
    });
  }
}

const started = Date.now();
await seed(new Date());
await db.$disconnect();
console.log(`Demo data is in place (${Date.now() - started} ms).`);
