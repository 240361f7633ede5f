// The deployment as /api/v1 answers it: UTC ISO times, never a Prisma row.
import type { RecordedDeployment } from '@/lib/server/deployments/record-deployment';

export function deploymentDto(deployment: RecordedDeployment) {
  return {
    id: deployment.id,
    changeId: deployment.changeId,
    environment: deployment.environment,
    status: deployment.status,
    startedAt: deployment.startedAt.toISOString(),
    finishedAt: deployment.finishedAt?.toISOString() ?? null,
    commitSha: deployment.commitSha,
    gateDecisionId: deployment.gateDecisionId,
    isUnauthorized: deployment.isUnauthorized,
    unauthorizedReasons: deployment.unauthorizedReasons,
    changeStatus: deployment.changeStatus,
    firstProductionDeployAt: deployment.firstProductionDeployAt?.toISOString() ?? null,
    recordedAt: deployment.recordedAt.toISOString(),
  };
}
