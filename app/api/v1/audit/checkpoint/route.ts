import { apiJson, handleApi } from '@/lib/api/route';
import { authenticateAuditReader } from '@/lib/api/audit-access';
import { auditCheckpointDto } from '@/lib/api/dto/audit';
import { exportCheckpoint } from '@/lib/server/audit-events/verify-chain';

/** The current head of the audit chain, as a checkpoint to keep outside Changeboard. */
export function GET(request: Request) {
  return handleApi(request, async ({ requestId, at }) => {
    await authenticateAuditReader(request, at);
    return apiJson(auditCheckpointDto(await exportCheckpoint(at)), { requestId });
  });
}
