// Verification of the hash-chained audit trail (DOMAIN.md invariant 6). Each row's hash is recomputed
// in SQL with the same audit_event_canonical() that append_audit_event() hashes, so verification and
// append can never disagree on the bytes.
import { db, type Tx } from '@/lib/server/db';

/** Rows read per round trip (keyset on seq). */
export const VERIFY_BATCH_SIZE = 5_000;

export type ChainBreakReason = 'hash-mismatch' | 'broken-link' | 'missing-row' | 'head-mismatch' | 'checkpoint-mismatch';

export type ChainBreak = {
  /** The first sequence number that fails (for `missing-row`, the number that is absent). */
  seq: string;
  reason: ChainBreakReason;
  /**
   * The event's own id. Audit events are keyed by their chain sequence (there is no separate id),
   * so this is the seq again; absent when the row itself is missing.
   */
  eventId?: string;
  action?: string;
  /** ISO 8601 UTC. */
  at?: string;
  entityType?: string;
  entityId?: string | null;
};

export type ChainHead = { seq: string; /** SHA-256, lowercase hex. */ hash: string };

export type ChainVerification = {
  ok: boolean;
  /** Rows whose hash and link were checked and found intact. */
  checked: number;
  head: ChainHead;
  firstBroken: ChainBreak | null;
};

export type AuditCheckpoint = {
  seq: string;
  /** The row hash at `seq`, SHA-256 in lowercase hex. */
  hash: string;
  /** ISO 8601 UTC: when the checkpoint was taken. */
  at: string;
};

export type CheckpointVerification = ChainVerification & { checkpoint: { seq: string; hash: string; matches: boolean } };

type Row = { seq: bigint; at: Date; action: string; entity_type: string; entity_id: string | null; prev_hash: string; row_hash: string; is_hash_valid: boolean };

async function readHead(tx: Pick<Tx, '$queryRaw'>): Promise<ChainHead & { genesis: string }> {
  const [head] = await tx.$queryRaw<{ seq: bigint; hash: string; genesis: string }[]>`
    SELECT seq, encode(hash, 'hex') AS hash, encode(sha256(convert_to('changeboard-audit-genesis', 'UTF8')), 'hex') AS genesis
    FROM audit_chain_head WHERE id = 1`;
  if (!head) throw new Error('The audit chain head row is missing: the audit_trail migration has not run.');
  return { seq: head.seq.toString(), hash: head.hash, genesis: head.genesis };
}

function brokenAt(row: Row, reason: ChainBreakReason): ChainBreak {
  return { seq: row.seq.toString(), reason, eventId: row.seq.toString(), action: row.action, at: row.at.toISOString(), entityType: row.entity_type, entityId: row.entity_id };
}

/**
 * Walks the whole chain in seq order. `checkpoint`, when given, must match the row at its seq.
 * Runs on the given transaction (so a caller can verify inside its own), else on a read-only
 * repeatable-read snapshot, so appends committed meanwhile neither break nor extend the walk.
 */
async function walk(tx: Tx, checkpoint?: Pick<AuditCheckpoint, 'seq' | 'hash'>): Promise<ChainVerification & { checkpointMatches: boolean }> {
  const head = await readHead(tx);
  const headInfo = { seq: head.seq, hash: head.hash };
  const checkpointSeq = checkpoint ? BigInt(checkpoint.seq) : null;
  let checkpointMatches = false;
  let checked = 0;
  let lastSeq = 0n;
  let lastHash = head.genesis;
  const fail = (firstBroken: ChainBreak) => ({ ok: false, checked, head: headInfo, firstBroken, checkpointMatches });
  for (;;) {
    const rows = await tx.$queryRaw<Row[]>`
      SELECT seq, at, action, entity_type, entity_id, encode(prev_hash, 'hex') AS prev_hash, encode(row_hash, 'hex') AS row_hash,
        row_hash = sha256(prev_hash || convert_to(audit_event_canonical(seq, at, actor_id, token_id, action, entity_type, entity_id, change_set, request_id), 'UTF8')) AS is_hash_valid
      FROM audit_event WHERE seq > ${lastSeq} ORDER BY seq LIMIT ${VERIFY_BATCH_SIZE}`;
    for (const row of rows) {
      // A gap means a deleted row; it is named by the number that is absent.
      if (row.seq !== lastSeq + 1n) return fail({ seq: (lastSeq + 1n).toString(), reason: 'missing-row' });
      if (row.prev_hash !== lastHash) return fail(brokenAt(row, 'broken-link'));
      if (!row.is_hash_valid) return fail(brokenAt(row, 'hash-mismatch'));
      // A history rewritten and re-hashed consistently passes every check above; only a hash kept
      // outside the database (a checkpoint) tells it apart.
      if (checkpointSeq === row.seq) {
        checkpointMatches = row.row_hash === checkpoint!.hash.toLowerCase();
        if (!checkpointMatches) return fail(brokenAt(row, 'checkpoint-mismatch'));
      }
      checked += 1;
      lastSeq = row.seq;
      lastHash = row.row_hash;
    }
    if (rows.length < VERIFY_BATCH_SIZE) break;
  }
  const headSeq = BigInt(head.seq);
  // Rows removed from the end leave the head pointing past the last row.
  if (headSeq > lastSeq) return fail({ seq: (lastSeq + 1n).toString(), reason: 'missing-row' });
  if (headSeq < lastSeq || head.hash !== lastHash) return fail({ seq: head.seq, reason: 'head-mismatch' });
  if (checkpointSeq !== null && checkpointSeq > lastSeq) return fail({ seq: checkpointSeq.toString(), reason: 'missing-row' });
  if (checkpointSeq === 0n) {
    checkpointMatches = checkpoint!.hash.toLowerCase() === head.genesis;
    if (!checkpointMatches) return fail({ seq: '0', reason: 'checkpoint-mismatch' });
  }
  return { ok: true, checked, head: headInfo, firstBroken: null, checkpointMatches };
}

function inSnapshot<T>(run: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SET TRANSACTION READ ONLY`;
    return run(tx);
  }, { isolationLevel: 'RepeatableRead', maxWait: 10_000, timeout: 30 * 60_000 });
}

/** Verifies every link of the chain and that the head names its last row. `tx` verifies inside a caller's transaction. */
export async function verifyAuditChain(tx?: Tx): Promise<ChainVerification> {
  const { checkpointMatches: _unused, ...result } = tx ? await walk(tx) : await inSnapshot((snapshot) => walk(snapshot));
  return result;
}

/** The current head as a checkpoint to keep outside the database; `at` is when it was taken. */
export async function exportCheckpoint(at: Date, tx?: Tx): Promise<AuditCheckpoint> {
  const head = await readHead(tx ?? db);
  return { seq: head.seq, hash: head.hash, at: at.toISOString() };
}

/**
 * Verifies the chain and that the row at the checkpoint's seq still has the checkpoint's hash, which
 * detects a history rewritten before the checkpoint even when every later hash was recomputed.
 */
export async function verifyAgainstCheckpoint(checkpoint: Pick<AuditCheckpoint, 'seq' | 'hash'>, tx?: Tx): Promise<CheckpointVerification> {
  const { checkpointMatches, ...result } = tx ? await walk(tx, checkpoint) : await inSnapshot((snapshot) => walk(snapshot, checkpoint));
  return { ...result, checkpoint: { seq: checkpoint.seq, hash: checkpoint.hash.toLowerCase(), matches: checkpointMatches } };
}
