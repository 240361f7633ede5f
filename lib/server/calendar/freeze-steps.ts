// Steps the declared-freeze use-cases share: check the scope a freeze names and its period, and
// describe a freeze the same way in every audit event.
import type { Tx } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { freezePeriodProblem } from '@/lib/schemas/calendar';

export type FreezeContent = { reason: string; startsAt: Date; endsAt: Date; serviceIds: string[]; environmentIds: string[] };

/**
 * The period is checked again here (the form schema checked it already) so that no caller can store an
 * open-ended or reversed freeze; ticked services and environments must exist (a field error, not a
 * foreign-key failure).
 */
export async function checkFreeze(tx: Tx, freeze: FreezeContent): Promise<void> {
  const period = freezePeriodProblem(freeze.startsAt, freeze.endsAt);
  if (period) throw new DomainError('INVALID', 'Check the highlighted fields.', { endsAt: [period] });
  const [services, environments] = await Promise.all([
    tx.service.count({ where: { id: { in: freeze.serviceIds } } }),
    tx.environment.count({ where: { id: { in: freeze.environmentIds } } }),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  if (services !== new Set(freeze.serviceIds).size) fieldErrors.serviceIds = ['Unknown service; reload the page.'];
  if (environments !== new Set(freeze.environmentIds).size) fieldErrors.environmentIds = ['Unknown environment; reload the page.'];
  if (Object.keys(fieldErrors).length > 0) throw new DomainError('INVALID', 'Check the highlighted fields.', fieldErrors);
}

/** The freeze as audit JSON: instants in ISO 8601 UTC, scope ids sorted (empty means all). */
export function freezeSnapshot(freeze: FreezeContent): Record<string, unknown> {
  return {
    reason: freeze.reason,
    startsAt: freeze.startsAt.toISOString(),
    endsAt: freeze.endsAt.toISOString(),
    serviceIds: [...freeze.serviceIds].sort(),
    environmentIds: [...freeze.environmentIds].sort(),
  };
}

/** The scope link rows of a freeze. */
export function scopeRows(freeze: FreezeContent) {
  return {
    services: { create: freeze.serviceIds.map((serviceId) => ({ serviceId })) },
    environments: { create: freeze.environmentIds.map((environmentId) => ({ environmentId })) },
  };
}

/** The stored freeze with its scope, as FreezeContent. */
export async function loadFreeze(tx: Tx, freezeId: string) {
  const row = await tx.declaredFreeze.findUnique({
    where: { id: freezeId },
    select: { reason: true, startsAt: true, endsAt: true, version: true, createdById: true, services: { select: { serviceId: true } }, environments: { select: { environmentId: true } } },
  });
  if (!row) throw new DomainError('NOT_FOUND', 'No such freeze.');
  const content: FreezeContent = {
    reason: row.reason, startsAt: row.startsAt, endsAt: row.endsAt,
    serviceIds: row.services.map((link) => link.serviceId), environmentIds: row.environments.map((link) => link.environmentId),
  };
  return { content, version: row.version, createdById: row.createdById };
}
