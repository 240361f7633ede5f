// What /api/v1 says about the audit chain: plain JSON, hashes in lowercase hex, times in UTC ISO.
// lib/api/openapi-audit.ts describes these shapes.
import type { AuditCheckpoint, ChainBreak, ChainVerification, CheckpointVerification } from '@/lib/server/audit-events/verify-chain';

function chainBreakDto(broken: ChainBreak | null) {
  if (!broken) return null;
  return {
    seq: broken.seq,
    reason: broken.reason,
    ...(broken.eventId ? { eventId: broken.eventId, action: broken.action, at: broken.at, entityType: broken.entityType, entityId: broken.entityId ?? null } : {}),
  };
}

export function auditVerificationDto(result: ChainVerification) {
  return { ok: result.ok, checked: result.checked, head: { seq: result.head.seq, hash: result.head.hash }, firstBroken: chainBreakDto(result.firstBroken) };
}

export function checkpointVerificationDto(result: CheckpointVerification) {
  return { ...auditVerificationDto(result), checkpoint: { seq: result.checkpoint.seq, hash: result.checkpoint.hash, matches: result.checkpoint.matches } };
}

export function auditCheckpointDto(checkpoint: AuditCheckpoint) {
  return { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at };
}
