// The flag write core (CTRL-012.4 inventory, CTRL-012.5 "Flag management UI with audit log"): every
// create, edit, import row and archive of a flag goes through these steps, inside the caller's
// transaction. Each write stores the flag, its rollout history, an applied `feature_flag` configuration
// change and the audit event together, or nothing at all.
// Callers check permissions (lib/policy/permissions.ts) before calling: the core enforces only what holds
// for every flag whoever writes it (naming, references, history).
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { appendAudit, type AuditEvent } from '@/lib/server/audit';
import { DomainError } from '@/lib/server/errors';
import { FLAG_TYPE_LABEL, lintFlagKey } from '@/lib/policy/flag-naming';
import type { Actor } from '@/lib/policy/permissions';
import type { FlagInput } from '@/lib/schemas/flag';

export type FlagWriteSource = 'portal' | 'api' | 'import';

type Who = {
  /** The person, or null for a service token (which acts for no one). */
  actor: Actor | null;
  tokenId?: string | null;
  at: Date;
  source: FlagWriteSource;
  requestId?: string | null;
};

export const FLAG_ROW_SELECT = {
  id: true, key: true, teamId: true, type: true, ownerId: true, purpose: true, featureId: true, rolloutPercent: true,
  fullRolloutAt: true, expiresAt: true, status: true, archivedAt: true, version: true, createdAt: true,
} satisfies Prisma.FeatureFlagSelect;

export type FlagRow = Prisma.FeatureFlagGetPayload<{ select: typeof FLAG_ROW_SELECT }>;

/** The fields a write may change, in the order change descriptions name them. */
const EDITABLE = ['teamId', 'type', 'ownerId', 'purpose', 'featureId', 'rolloutPercent'] as const;
type Editable = (typeof EDITABLE)[number];

/**
 * Serialises every write of one key, including the first insert: two creates of a new key queue on
 * this transaction-scoped lock instead of racing to the unique index, and the second then reads the
 * first one's committed row (READ COMMITTED re-reads per statement) and updates it.
 */
async function lockKey(tx: Tx, key: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`feature_flag:${key}`}, 0))::text AS locked`;
}

async function lockFlagByKey(tx: Tx, key: string): Promise<FlagRow | null> {
  await tx.$queryRaw`SELECT 1 FROM feature_flag WHERE key = ${key} FOR UPDATE`;
  return tx.featureFlag.findUnique({ where: { key }, select: FLAG_ROW_SELECT });
}

/** Locks the flag's row and reads it; NOT_FOUND when there is none. */
export async function lockFlag(tx: Tx, flagId: string): Promise<FlagRow> {
  await tx.$queryRaw`SELECT 1 FROM feature_flag WHERE id = ${flagId}::uuid FOR UPDATE`;
  const flag = await tx.featureFlag.findUnique({ where: { id: flagId }, select: FLAG_ROW_SELECT });
  if (!flag) throw new DomainError('NOT_FOUND', 'No such flag.');
  return flag;
}

type References = { teamSlugs: string[]; teamName: string; ownerName: string; featureKey: string | null };

/**
 * The key must follow `[team]-[feature]-[type]` (every flag in the inventory does), and the team, the
 * owner and the feature must exist; every problem is reported at once, keyed by field.
 */
async function checkFlagInput(tx: Tx, input: FlagInput): Promise<References> {
  const [teams, owner, feature] = await Promise.all([
    tx.team.findMany({ select: { id: true, slug: true, name: true } }),
    tx.user.findUnique({ where: { id: input.ownerId }, select: { name: true, email: true, isActive: true, role: true } }),
    input.featureId ? tx.feature.findUnique({ where: { id: input.featureId }, select: { key: true } }) : null,
  ]);
  const teamSlugs = teams.map((team) => team.slug);
  const team = teams.find((candidate) => candidate.id === input.teamId);
  const fieldErrors: Record<string, string[]> = {};
  const lint = lintFlagKey(input.key, teamSlugs, input.type);
  if (!lint.passes) fieldErrors.key = lint.reasons.map((reason) => `${reason.message} (${reason.control})`);
  else if (team && lint.parts && lint.parts.team !== team.slug) fieldErrors.key = [`The key starts with the team "${lint.parts.team}" but the flag belongs to ${team.slug} (CTRL-012.4).`];
  if (!team) fieldErrors.teamId = ['Unknown team.'];
  // Assumption: an owner answers for the flag in the monthly audit, so it is an active person who may write (not an auditor).
  if (!owner) fieldErrors.ownerId = ['Unknown person.'];
  else if (!owner.isActive || owner.role === 'auditor') fieldErrors.ownerId = ['The owner must be an active engineer, manager or administrator.'];
  if (input.featureId && !feature) fieldErrors.featureId = ['Unknown feature.'];
  if (Object.keys(fieldErrors).length > 0) {
    const message = fieldErrors.key ? `The key ${JSON.stringify(input.key)} breaks the flag naming convention (CTRL-012.4).` : 'Check the highlighted fields.';
    throw new DomainError('INVALID', message, fieldErrors);
  }
  return { teamSlugs, teamName: team!.name, ownerName: owner!.name || owner!.email, featureKey: feature?.key ?? null };
}

/** What the audit trail and the configuration change keep of a flag. */
function flagSnapshot(flag: Pick<FlagRow, Editable | 'key' | 'status' | 'fullRolloutAt' | 'expiresAt'>): Record<string, unknown> {
  return {
    key: flag.key, teamId: flag.teamId, type: flag.type, ownerId: flag.ownerId, purpose: flag.purpose, featureId: flag.featureId,
    rolloutPercent: flag.rolloutPercent, status: flag.status, fullRolloutAt: flag.fullRolloutAt?.toISOString() ?? null, expiresAt: flag.expiresAt?.toISOString() ?? null,
  };
}

function changedFields(stored: FlagRow, input: FlagInput): Editable[] {
  return EDITABLE.filter((field) => stored[field] !== input[field]);
}

/** The change in words, for the configuration change record (CTRL-012.5 evidence people read). */
async function describeChanges(tx: Tx, stored: FlagRow, input: FlagInput, fields: readonly Editable[], refs: References): Promise<string> {
  const parts: string[] = [];
  for (const field of fields) {
    switch (field) {
      case 'rolloutPercent':
        parts.push(`rollout ${stored.rolloutPercent} % → ${input.rolloutPercent} %`);
        break;
      case 'type':
        parts.push(`type ${stored.type} → ${input.type}`);
        break;
      case 'purpose':
        parts.push(`purpose changed to "${input.purpose}"`);
        break;
      case 'teamId':
        parts.push(`team → ${refs.teamName}`);
        break;
      case 'ownerId':
        parts.push(`owner → ${refs.ownerName}`);
        break;
      case 'featureId': {
        const before = stored.featureId ? await tx.feature.findUnique({ where: { id: stored.featureId }, select: { key: true } }) : null;
        parts.push(`feature ${before?.key ?? 'none'} → ${refs.featureKey ?? 'none'}`);
        break;
      }
    }
  }
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * The environment a flag change is recorded against.
 * Assumption: a flag changes production behaviour (that is why CTRL-012.5 lists it), so the record
 * names the first production environment; without one, the first gated, then any environment.
 */
async function flagChangeEnvironment(tx: Tx): Promise<string> {
  const environment = await tx.environment.findFirst({ orderBy: [{ isProduction: 'desc' }, { isGated: 'desc' }, { createdAt: 'asc' }], select: { id: true } });
  if (!environment) throw new DomainError('INVALID', 'No environment exists to record the flag change against (CTRL-012.5). An administrator adds one first.');
  return environment.id;
}

type ConfigRecord = { flag: { key: string; ownerId: string }; title: string; description: string };

/**
 * The flag change as an applied `feature_flag` configuration change (CTRL-012.5), made through the flag
 * management UI (or its API) and so complete at once. A service token acts for no one: the record
 * names the flag's owner as the person answerable for it.
 */
async function recordConfigChange(tx: Tx, who: Who, { flag, title, description }: ConfigRecord): Promise<string> {
  const requestedById = who.actor?.id ?? flag.ownerId;
  const details = { flagKey: flag.key, description };
  const created = await tx.configChange.create({
    data: { type: 'feature_flag', title, status: 'applied', appliedAt: who.at, environmentId: await flagChangeEnvironment(tx), details, requestedById, createdAt: who.at },
    select: { id: true, environmentId: true },
  });
  await appendAudit(tx, {
    action: 'config-change.applied', entityType: 'config-change', entityId: created.id, actor: auditActor(who), at: who.at, requestId: who.requestId,
    changeSet: { type: 'feature_flag', title, status: 'applied', environmentId: created.environmentId, details, requestedById, appliedAt: who.at.toISOString(), source: who.source },
  });
  return created.id;
}

function auditActor({ actor, tokenId }: Pick<Who, 'actor' | 'tokenId'>): AuditEvent['actor'] {
  return actor ? { id: actor.id, tokenId: tokenId ?? actor.tokenId ?? null } : { id: null, tokenId: tokenId ?? null };
}

async function recordRollout(tx: Tx, flagId: string, percent: number, { actor, at }: Who): Promise<void> {
  await tx.flagRolloutChange.create({ data: { flagId, percent, changedAt: at, changedById: actor?.id ?? null }, select: { id: true } });
}

/**
 * Creates the flag, or brings the stored one to `input`: locks the key, refuses a key that breaks the
 * convention or references that do not exist, and writes nothing when nothing differs. A change of
 * percent adds to the rollout history and the first 100 % starts the release TTL (`fullRolloutAt`).
 * The explicit expiry is never touched: only the monthly audit's extension sets it, so an edit cannot
 * take a flag out of the stale count. An archived flag is refused (CONFLICT): archiving is final.
 */
export async function upsertFlagInTx(
  tx: Tx,
  { actor, tokenId, at, input, source, requestId }: { actor: Actor | null; tokenId?: string | null; at: Date; input: FlagInput; source: FlagWriteSource; requestId?: string | null },
): Promise<{ id: string; outcome: 'created' | 'updated' | 'unchanged' }> {
  const who: Who = { actor, tokenId, at, source, requestId };
  await lockKey(tx, input.key);
  const refs = await checkFlagInput(tx, input);
  const stored = await lockFlagByKey(tx, input.key);
  if (stored) return updateStored(tx, who, stored, input, refs);

  const fullRolloutAt = input.rolloutPercent === 100 ? at : null;
  const { createdAt, ...fields } = input;
  // Another writer that skips the key lock (a direct insert) may still win the unique index: then the
  // insert is skipped, not failed (a failed statement would abort the caller's transaction), and the
  // winner's row is updated instead.
  const { count } = await tx.featureFlag.createMany({ data: [{ ...fields, fullRolloutAt, createdAt: createdAt ?? at }], skipDuplicates: true });
  if (count === 0) {
    const winner = await lockFlagByKey(tx, input.key);
    if (!winner) throw new DomainError('CONFLICT', `The flag ${input.key} changed meanwhile. Try again.`);
    return updateStored(tx, who, winner, input, refs);
  }
  const created = await tx.featureFlag.findUniqueOrThrow({ where: { key: input.key }, select: FLAG_ROW_SELECT });
  await recordRollout(tx, created.id, created.rolloutPercent, who);
  const description = `Created ${FLAG_TYPE_LABEL[input.type].toLowerCase()} flag for ${refs.teamName}, owner ${refs.ownerName}, ${refs.featureKey ? `guarding ${refs.featureKey}, ` : ''}rollout ${input.rolloutPercent} %: ${input.purpose}`;
  const configChangeId = await recordConfigChange(tx, who, { flag: created, title: `Flag ${created.key} created`, description });
  await appendAudit(tx, {
    action: 'flag.created', entityType: 'flag', entityId: created.id, actor: auditActor(who), at, requestId,
    changeSet: { before: null, after: flagSnapshot(created), source, configChangeId, lint: 'passes' },
  });
  return { id: created.id, outcome: 'created' };
}

async function updateStored(tx: Tx, who: Who, stored: FlagRow, input: FlagInput, refs: References): Promise<{ id: string; outcome: 'updated' | 'unchanged' }> {
  if (stored.status === 'archived') throw new DomainError('CONFLICT', `The flag ${stored.key} is archived; archived flags are not changed.`);
  const fields = changedFields(stored, input);
  if (fields.length === 0) return { id: stored.id, outcome: 'unchanged' };

  const isRolloutChange = fields.includes('rolloutPercent');
  const fullRolloutAt = stored.fullRolloutAt ?? (input.rolloutPercent === 100 ? who.at : null);
  const data = { ...Object.fromEntries(fields.map((field) => [field, input[field]])), fullRolloutAt, version: { increment: 1 } } as Prisma.FeatureFlagUncheckedUpdateManyInput;
  const { count } = await tx.featureFlag.updateMany({ where: { id: stored.id, version: stored.version, status: 'active' }, data });
  if (count !== 1) throw new DomainError('CONFLICT', `The flag ${stored.key} was changed by someone else. Reload it and try again.`);
  if (isRolloutChange) await recordRollout(tx, stored.id, input.rolloutPercent, who);

  const after = { ...stored, ...Object.fromEntries(fields.map((field) => [field, input[field]])), fullRolloutAt } as FlagRow;
  const description = await describeChanges(tx, stored, input, fields, refs);
  const configChangeId = await recordConfigChange(tx, who, { flag: after, title: `Flag ${stored.key} updated`, description });
  const beforeSnapshot = flagSnapshot(stored);
  const afterSnapshot = flagSnapshot(after);
  const changedKeys = Object.keys(afterSnapshot).filter((key) => JSON.stringify(beforeSnapshot[key]) !== JSON.stringify(afterSnapshot[key]));
  await appendAudit(tx, {
    action: 'flag.updated', entityType: 'flag', entityId: stored.id, actor: auditActor(who), at: who.at, requestId: who.requestId,
    changeSet: {
      key: stored.key,
      before: Object.fromEntries(changedKeys.map((key) => [key, beforeSnapshot[key]])),
      after: Object.fromEntries(changedKeys.map((key) => [key, afterSnapshot[key]])),
      version: { old: stored.version, new: stored.version + 1 }, source: who.source, configChangeId,
    },
  });
  return { id: stored.id, outcome: 'updated' };
}

/**
 * Archives the flag (removed from the code; it leaves the stale count for good), recorded as a
 * configuration change and an audit event. `expectedVersion`, when given, must be the version read.
 * An already archived flag is left as it is ('unchanged'), so a repeated archive writes nothing.
 */
export async function archiveFlagInTx(
  tx: Tx,
  { actor, tokenId, at, flagId, expectedVersion, reason, source, requestId }: {
    actor: Actor | null; tokenId?: string | null; at: Date; flagId: string; expectedVersion?: number; reason?: string; source: FlagWriteSource; requestId?: string | null;
  },
): Promise<{ id: string; outcome: 'archived' | 'unchanged'; version: number }> {
  const flag = await lockFlag(tx, flagId);
  if (flag.status === 'archived') return { id: flag.id, outcome: 'unchanged', version: flag.version };
  if (expectedVersion !== undefined && flag.version !== expectedVersion) throw new DomainError('STALE_VERSION', 'This flag was edited meanwhile. Reload it and try again.');
  return archiveLocked(tx, { actor, tokenId, at, source, requestId }, flag, reason?.trim() ?? '');
}

async function archiveLocked(tx: Tx, who: Who, flag: FlagRow, reason: string) {
  const { count } = await tx.featureFlag.updateMany({ where: { id: flag.id, version: flag.version, status: 'active' }, data: { status: 'archived', archivedAt: who.at, version: { increment: 1 } } });
  if (count !== 1) throw new DomainError('CONFLICT', `The flag ${flag.key} was changed by someone else. Reload it and try again.`);
  const description = reason ? `Archived: ${reason}` : 'Archived (removed from the code).';
  const configChangeId = await recordConfigChange(tx, who, { flag, title: `Flag ${flag.key} archived`, description });
  await appendAudit(tx, {
    action: 'flag.archived', entityType: 'flag', entityId: flag.id, actor: auditActor(who), at: who.at, requestId: who.requestId,
    changeSet: {
      key: flag.key, status: { old: 'active', new: 'archived' }, archivedAt: who.at.toISOString(), reason: reason || null,
      version: { old: flag.version, new: flag.version + 1 }, source: who.source, configChangeId,
    },
  });
  return { id: flag.id, outcome: 'archived' as const, version: flag.version + 1 };
}
