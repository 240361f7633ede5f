// What /api/v1 says about configuration changes (CTRL-012.5): plain JSON with UTC ISO times, never
// Prisma rows. lib/api/openapi-config-changes.ts describes these shapes.
import type { ConfigChangeListItem, ConfigChangeView } from '@/lib/server/config-changes/queries';
import type { PolicyReason } from '@/lib/policy/decision';
import { CONFIG_CHANGE_TYPE_LABEL } from '@/lib/policy/config-change';

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

const reasonDto = ({ control, code, message }: PolicyReason) => ({ control, code, message });

const personDto = (person: { id: string; name: string | null; email: string }) => ({ id: person.id, name: person.name, email: person.email });

/** The fields a list row and a whole record share. */
function summaryDto(item: ConfigChangeListItem | (ConfigChangeView['change'] & Pick<ConfigChangeView, 'facts' | 'readiness' | 'unauthorizedReason' | 'process' | 'needsConfirmation'>)) {
  return {
    id: item.id,
    type: item.type,
    typeLabel: CONFIG_CHANGE_TYPE_LABEL[item.type],
    title: item.title,
    status: item.status,
    /** The row version: send it back to edit, confirm or apply. */
    version: item.version,
    environment: { id: item.environment.id, name: item.environment.name },
    service: item.service ? { id: item.service.id, name: item.service.name } : null,
    requestedBy: personDto(item.requestedBy),
    /** Made in production outside its process and reported afterwards: unauthorized. */
    isReportedAfter: item.isReportedAfter,
    unauthorizedReason: item.unauthorizedReason ? reasonDto(item.unauthorizedReason) : null,
    process: item.process,
    needsConfirmation: item.needsConfirmation,
    /** What keeps a planned record from being applied; empty when complete. */
    missing: item.readiness.map(reasonDto),
    details: item.facts.details,
    appliedAt: iso(item.appliedAt),
    createdAt: iso(item.createdAt),
  };
}

/** A row of the list. */
export function configChangeListItemDto(item: ConfigChangeListItem) {
  return summaryDto(item);
}

/** One record with its checklist and confirmations. */
export function configChangeDto(view: ConfigChangeView) {
  const { change } = view;
  return {
    ...summaryDto({ ...change, facts: view.facts, readiness: view.readiness, unauthorizedReason: view.unauthorizedReason, process: view.process, needsConfirmation: view.needsConfirmation }),
    checklist: view.checklist.map(({ key, label, isDone, missing }) => ({ key, label, isDone, missing })),
    confirmations: change.confirmations.map(({ confirmer, confirmedAt }) => ({ confirmer: personDto(confirmer), confirmedAt: iso(confirmedAt) })),
  };
}

export type ConfigChangeDto = ReturnType<typeof configChangeDto>;
