// The one shape in which audit events record an override before and after a change (grant, revoke,
// supersede), so the trail reads the same whichever use-case wrote it.
import type { Prisma } from '@/lib/generated/prisma/client';

export const OVERRIDE_AUDIT_SELECT = {
  id: true, changeRequestId: true, grantedById: true, incidentId: true, justification: true,
  grantedAt: true, expiresAt: true, revokedAt: true, revokedById: true, revocationReason: true,
} satisfies Prisma.FreezeOverrideSelect;

export type OverrideAuditRow = Prisma.FreezeOverrideGetPayload<{ select: typeof OVERRIDE_AUDIT_SELECT }>;

/** The override as audit JSON: UTC ISO instants. */
export function overrideAuditState(row: OverrideAuditRow) {
  return {
    grantedById: row.grantedById,
    incidentId: row.incidentId,
    justification: row.justification,
    grantedAt: row.grantedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokedById: row.revokedById,
    revocationReason: row.revocationReason,
  };
}
