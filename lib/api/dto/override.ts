// A freeze override as /api/v1 answers it: UTC ISO times, never a Prisma row.
import type { ChangeOverride } from '@/lib/server/overrides/queries';

const person = (user: { id: string; name: string | null; email: string }) => ({ id: user.id, name: user.name, email: user.email });

export function overrideDto(override: ChangeOverride) {
  return {
    id: override.id,
    changeId: override.changeRequestId,
    state: override.state,
    justification: override.justification,
    grantedBy: person(override.grantedBy),
    requestedBy: override.requestedBy ? person(override.requestedBy) : null,
    /** Set when the incident's commander granted it: the override then also lifts that incident's block. */
    incident: override.incident ? { id: override.incident.id, reference: `INC-${override.incident.number}`, severity: override.incident.severity } : null,
    grantedAt: override.grantedAt.toISOString(),
    expiresAt: override.expiresAt.toISOString(),
    revokedAt: override.revokedAt?.toISOString() ?? null,
    revokedBy: override.revokedBy ? person(override.revokedBy) : null,
    revocationReason: override.revocationReason,
    exceptionId: override.exceptionId,
  };
}
