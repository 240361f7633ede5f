// The one use-case behind every evidence download (page routes and the API): who may, what period.
import { canReadAuditTrail, type Actor } from '@/lib/policy/permissions';
import { DomainError } from '@/lib/server/errors';
import { db } from '@/lib/server/db';
import { evidenceBundle } from '@/lib/server/evidence/evidence-bundle';
import type { EvidenceQuery } from '@/lib/schemas/evidence-query';

/**
 * The bundle for an auditor or admin (FORBIDDEN for anyone else); a service token (no actor) reaches
 * it only with the `audit:read` scope, which its route checks.
 */
export async function exportEvidence({ actor, query, at }: { actor: Actor | null; query: EvidenceQuery; at: Date }) {
  if (actor && !canReadAuditTrail(actor)) throw new DomainError('FORBIDDEN', 'Only auditors and admins export evidence.');
  const generatedBy = actor ? await db.user.findUnique({ where: { id: actor.id }, select: { id: true, name: true, email: true } }) : null;
  return evidenceBundle({ query, at, generatedBy });
}
