import { apiJson, handleApi, parseJsonBody } from '@/lib/api/route';
import { authenticateAuditReader } from '@/lib/api/audit-access';
import { checkpointVerificationDto } from '@/lib/api/dto/audit';
import { ZAuditCheckpoint } from '@/lib/schemas/audit';
import { verifyAgainstCheckpoint } from '@/lib/server/audit-events/verify-chain';

/** Verifies the chain and that the row at a kept checkpoint still has its hash (a rewritten history fails). */
export function POST(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticateAuditReader(request, at);
    const checkpoint = await parseJsonBody(request, ZAuditCheckpoint);
    return apiJson(checkpointVerificationDto(await verifyAgainstCheckpoint(checkpoint)), { requestId });
  });
}
