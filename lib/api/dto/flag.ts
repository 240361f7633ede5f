// What /api/v1 says about feature flags (CTRL-012.4): plain JSON with UTC ISO times, never Prisma
// rows. lib/api/openapi-flags.ts describes these shapes.
import type { FlagListItem, FlagView } from '@/lib/server/flags/queries';
import type { PolicyReason } from '@/lib/policy/decision';

const iso = (instant: Date | null): string | null => instant?.toISOString() ?? null;

const reasonDto = ({ control, code, message }: PolicyReason) => ({ control, code, message });

const personDto = (person: { id: string; name: string | null; email: string }) => ({ id: person.id, name: person.name, email: person.email });

/** A row of the list; the whole flag adds its history to it. */
export function flagListItemDto(flag: FlagListItem) {
  return {
    id: flag.id,
    key: flag.key,
    type: flag.type,
    team: { id: flag.team.id, slug: flag.team.slug, name: flag.team.name },
    owner: personDto(flag.owner),
    purpose: flag.purpose,
    feature: flag.feature ? { id: flag.feature.id, key: flag.feature.key, name: flag.feature.name } : null,
    rolloutPercent: flag.rolloutPercent,
    fullRolloutAt: iso(flag.fullRolloutAt),
    status: flag.status,
    /** active, stale (past its expiry) or archived, at the time of the request. */
    state: flag.state,
    /** When its time is up: the audit's extension, else its type's TTL; null when it has none. */
    expiresAt: iso(flag.expiry),
    isExtended: flag.expiresAt !== null,
    extensionReason: flag.extensionReason,
    daysStale: flag.daysStale,
    lint: { passes: flag.lint.passes, reasons: flag.lint.reasons.map(reasonDto) },
    archivedAt: iso(flag.archivedAt),
    /** The row version: send it back to edit or archive. */
    version: flag.version,
    createdAt: iso(flag.createdAt),
  };
}

export function flagDto(view: FlagView) {
  return {
    ...flagListItemDto(view.flag),
    expiryExplanation: view.expiryExplanation,
    rollout: view.rollout.map((change) => ({ percent: change.percent, changedAt: iso(change.changedAt), changedBy: change.changedBy ? personDto(change.changedBy) : null })),
  };
}
