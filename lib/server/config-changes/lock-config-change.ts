// Shared steps of every configuration-change state change (CTRL-012.5): lock the record's row, read it
// with its confirmations, refuse what the actor may not do (recorded as a denied attempt), and write
// with the version check.
import type { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { recordDeniedAttempt, type AuditEvent } from '@/lib/server/audit';
import { canManageConfigChange, type ConfigChangeFacts, type ConfigChangeOwnership, type ConfigChangeStatus } from '@/lib/policy/config-change';
import { canFileChange, type Actor } from '@/lib/policy/permissions';
import { readStoredConfigDetails } from '@/lib/schemas/config-change';

export const CONFIG_CHANGE_SELECT = {
  id: true, type: true, title: true, status: true, environmentId: true, serviceId: true, details: true, isReportedAfter: true,
  requestedById: true, appliedAt: true, version: true, createdAt: true,
  requestedBy: { select: { teamId: true } },
  confirmations: { select: { confirmerId: true, confirmedAt: true }, orderBy: [{ confirmedAt: 'asc' }, { confirmerId: 'asc' }] },
} satisfies Prisma.ConfigChangeSelect;

export type ConfigChangeRow = Prisma.ConfigChangeGetPayload<{ select: typeof CONFIG_CHANGE_SELECT }>;

type FactsSource = Pick<ConfigChangeRow, 'type' | 'details' | 'requestedById' | 'isReportedAfter'>;

/** The record as the pure rules read it, its stored details read field by field. */
export function configFacts(row: FactsSource): ConfigChangeFacts {
  return { type: row.type, details: readStoredConfigDetails(row.type, row.details), requestedById: row.requestedById, isReportedAfter: row.isReportedAfter } as ConfigChangeFacts;
}

/** What the audit trail keeps of a record: everything its requester wrote and where it stands. */
export function configSnapshot(row: Pick<ConfigChangeRow, 'type' | 'title' | 'status' | 'environmentId' | 'serviceId' | 'requestedById' | 'isReportedAfter' | 'appliedAt'> & { details: unknown }): Record<string, unknown> {
  const { type, title, status, environmentId, serviceId, requestedById, isReportedAfter, appliedAt } = row;
  return { type, title, status, environmentId, serviceId, details: readStoredConfigDetails(type, row.details), requestedById, isReportedAfter, appliedAt: appliedAt?.toISOString() ?? null };
}

/** The keys whose values differ, with their old and new values, as audit change sets record an edit. */
export function snapshotDifference(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changed = Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  return { changed, before: Object.fromEntries(changed.map((key) => [key, before[key]])), after: Object.fromEntries(changed.map((key) => [key, after[key]])) };
}

/**
 * Locks the record's row and loads it with its confirmations. The lock serialises every decision on
 * one record: two confirmations, or a confirmation and an apply, are read and written one at a time,
 * so an apply never misses a confirmation and no confirmation lands after an apply.
 * Every signed-in user (and every service token) sees every record: they are not drafts of anyone.
 */
export async function lockConfigChange(tx: Tx, configChangeId: string) {
  await tx.$queryRaw`SELECT 1 FROM config_change WHERE id = ${configChangeId}::uuid FOR UPDATE`;
  const row = await tx.configChange.findUnique({ where: { id: configChangeId }, select: CONFIG_CHANGE_SELECT });
  if (!row) throw new DomainError('NOT_FOUND', 'No such configuration change.');
  return { ...row, facts: configFacts(row), confirmerIds: row.confirmations.map(({ confirmerId }) => confirmerId), ownership: ownershipOf(row) };
}

export type LockedConfigChange = Awaited<ReturnType<typeof lockConfigChange>>;

export function ownershipOf(row: Pick<ConfigChangeRow, 'requestedById' | 'requestedBy'>): ConfigChangeOwnership {
  return { requestedById: row.requestedById, requesterTeamId: row.requestedBy.teamId };
}

type Attempt = { action: string; entityId?: string; at: Date; requestId?: string; changeSet?: Record<string, unknown> };

/** Refuses (and records) a write by someone who only reads: auditors, disabled users. */
export async function requireConfigWriter(actor: Actor, attempt: Attempt): Promise<void> {
  if (canFileChange(actor)) return;
  await recordDeniedAttempt({ ...attempt, entityType: 'config-change', actor });
  throw new DomainError('FORBIDDEN', 'Your role only reads configuration changes.');
}

/**
 * Only the requester, their team or a manager edit, apply or cancel a record; anyone else is refused
 * and the refusal is recorded. A null actor is a service token, whose scope the route checked.
 */
export async function requireConfigManager(actor: Actor | null, change: LockedConfigChange, attempt: Attempt): Promise<void> {
  if (actor === null || canManageConfigChange(actor, change.ownership)) return;
  await recordDeniedAttempt({ ...attempt, entityType: 'config-change', entityId: change.id, actor });
  throw new DomainError('FORBIDDEN', 'Only the requester, their team or a manager may do this to a configuration change.');
}

const STATUS_WORDS: Record<ConfigChangeStatus, string> = { planned: 'A planned', applied: 'An applied', cancelled: 'A cancelled' };

/** Edits, confirmations, apply and cancel all act on a planned record only. */
export function requirePlanned(change: { status: ConfigChangeStatus }, doing: string): void {
  if (change.status !== 'planned') throw new DomainError('CONFLICT', `${STATUS_WORDS[change.status]} configuration change cannot be ${doing}.`);
}

export function expectConfigVersion(change: { version: number }, expectedVersion: number): void {
  if (change.version !== expectedVersion) throw new DomainError('STALE_VERSION', 'This configuration change was edited meanwhile. Reload it and try again.');
}

/** Writes the record only at the version read (compare-and-set on top of the row lock) and moves the version on. */
export async function saveConfigChange(tx: Tx, change: { id: string; version: number }, data: Prisma.ConfigChangeUncheckedUpdateManyInput): Promise<number> {
  const { count } = await tx.configChange.updateMany({ where: { id: change.id, version: change.version }, data: { ...data, version: { increment: 1 } } });
  if (count !== 1) throw new DomainError('CONFLICT', 'This configuration change was changed by someone else. Reload it and try again.');
  return change.version + 1;
}

/** The environment and service named must exist; the errors name the field. */
export async function checkConfigReferences(tx: Tx, { environmentId, serviceId }: { environmentId?: string; serviceId?: string | null }): Promise<void> {
  const fieldErrors: Record<string, string[]> = {};
  if (environmentId !== undefined && !(await tx.environment.findUnique({ where: { id: environmentId }, select: { id: true } }))) fieldErrors.environmentId = ['Unknown environment.'];
  if (serviceId && !(await tx.service.findUnique({ where: { id: serviceId }, select: { id: true } }))) fieldErrors.serviceId = ['Unknown service.'];
  if (Object.keys(fieldErrors).length > 0) throw new DomainError('INVALID', 'Check the highlighted fields.', fieldErrors);
}

/** The audit actor: the person, or a service token that acts for no one. */
export function configAuditActor(actor: Actor | null, tokenId: string | null | undefined): AuditEvent['actor'] {
  return actor ?? { id: null, tokenId: tokenId ?? null };
}
