// The exceptions log entry of each emergency change of a planned chunk, as submit-change-request.ts
// opens it; its deadline starts at the first production deploy (record-deployment.ts), and it is
// documented once the record is completed and a second person approved (settle-emergency-exception.ts).
import { Prisma } from '@/lib/generated/prisma/client';
import type { Tx } from '@/lib/server/db';
import type { ScaleReference } from '@/lib/server/scale-data/reference-data';
import { addRows, type RowCounts } from '@/lib/server/scale-data/change-rows';
import { newIdSql } from '@/lib/server/scale-data/row-ids';

export async function insertEmergencyExceptions(tx: Tx, reference: ScaleReference, counts: RowCounts): Promise<void> {
  addRows(counts, 'policy_exception', await tx.$executeRaw`
    INSERT INTO policy_exception (id, kind, status, change_request_id, requested_by_id, justification, opened_at, deadline_at, documented_at, version)
    SELECT ${newIdSql(reference, Prisma.sql`p.submitted_at`)}, 'emergency_change', CASE WHEN e.is_documented THEN 'documented' ELSE 'open' END::"ExceptionStatus",
      p.id, p.author_id, 'Emergency change CHG-' || c.number || ': ' || p.title, p.submitted_at,
      p.first_prod_at + ${reference.policy.emergencyReviewHours}::int * interval '1 hour', p.documented_at,
      1 + (p.first_prod_at IS NOT NULL)::int + e.is_documented::int
    FROM scale_plan p JOIN change_request c ON c.id = p.id
    CROSS JOIN LATERAL (SELECT p.documented_at IS NOT NULL AND p.a2_inc AS is_documented) e
    WHERE p.change_class = 'emergency' AND p.submitted_at IS NOT NULL
    ORDER BY p.submitted_at`);
}
