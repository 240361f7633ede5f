import { apiJson, handleApi } from '@/lib/api/route';
import { authenticateAuditReader } from '@/lib/api/audit-access';
import { auditVerificationDto } from '@/lib/api/dto/audit';
import { verifyAuditChain } from '@/lib/server/audit-events/verify-chain';

/** Recomputes every hash and link of the audit chain; a broken chain is still a 200 with `ok: false`. */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticateAuditReader(request, at);
    return apiJson(auditVerificationDto(await verifyAuditChain()), { requestId });
  });
}
