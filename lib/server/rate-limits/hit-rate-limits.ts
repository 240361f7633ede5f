// Rate limits shared by every instance: fixed windows counted in rate_limit_counter, one atomic upsert
// per request (no read-then-write race), so two instances behind a load balancer share each budget.
import { db } from '@/lib/server/db';

export type RateLimitRule = {
  /** Requests allowed per window; 0 turns the limit off. */
  limit: number;
  windowSeconds: number;
};

export type RateLimitHit = { key: string; rule: RateLimitRule };

export type RateLimitVerdict = {
  isLimited: boolean;
  /** The key whose budget ran out first, when limited. */
  key: string | null;
  /** Whole seconds until the exhausted window ends (≥ 1), when limited. */
  retryAfterSeconds: number;
};

const ALLOWED: RateLimitVerdict = { isLimited: false, key: null, retryAfterSeconds: 0 };

// Rows of keys idle past their window are deleted at most this often per instance, when a new window
// starts: the table holds about one row per key active in the last window.
const SWEEP_INTERVAL_MS = 60_000;
let lastSweepAt = 0;

/** Windows are aligned to the epoch, so every instance computes the same window for an instant. */
function windowOf(rule: RateLimitRule, at: Date): { start: Date; end: Date } {
  const length = rule.windowSeconds * 1000;
  const start = Math.floor(at.getTime() / length) * length;
  return { start: new Date(start), end: new Date(start + length) };
}

/**
 * Counts one request against each key and tells whether any budget is exceeded. Every hit counts,
 * refused ones too, so a caller that keeps trying stays refused until the window ends.
 */
export async function hitRateLimits(hits: readonly RateLimitHit[], at: Date): Promise<RateLimitVerdict> {
  const active = hits.filter((hit) => hit.rule.limit > 0).toSorted((a, b) => (a.key < b.key ? -1 : 1));
  if (active.length === 0) return ALLOWED;
  const windows = active.map((hit) => windowOf(hit.rule, at));
  // Sorted keys: two requests upserting the same pair of rows lock them in the same order (no deadlock).
  // A window later than the stored one restarts the count; an earlier one (an instance whose clock is
  // behind) counts into the current window rather than resetting it.
  const rows = await db.$queryRaw<{ key: string; hits: number; window_end: Date }[]>`
    INSERT INTO rate_limit_counter AS c (key, window_start, window_end, hits)
    SELECT k, s, e, 1 FROM unnest(${active.map((hit) => hit.key)}::text[], ${windows.map((w) => w.start)}::timestamptz[], ${windows.map((w) => w.end)}::timestamptz[]) WITH ORDINALITY AS t(k, s, e, n)
    ORDER BY n
    ON CONFLICT (key) DO UPDATE SET
      hits = CASE WHEN EXCLUDED.window_start > c.window_start THEN 1 ELSE LEAST(c.hits, 2147483646) + 1 END,
      window_start = GREATEST(c.window_start, EXCLUDED.window_start),
      window_end = GREATEST(c.window_end, EXCLUDED.window_end)
    RETURNING key, hits, window_end`;
  if (rows.some((row) => row.hits === 1)) await sweep(at);
  let verdict = ALLOWED;
  for (const row of rows) {
    const rule = active.find((hit) => hit.key === row.key)!.rule;
    if (row.hits <= rule.limit) continue;
    const retryAfterSeconds = Math.max(1, Math.ceil((row.window_end.getTime() - at.getTime()) / 1000));
    if (retryAfterSeconds > verdict.retryAfterSeconds) verdict = { isLimited: true, key: row.key, retryAfterSeconds };
  }
  return verdict;
}

async function sweep(at: Date): Promise<void> {
  if (at.getTime() - lastSweepAt < SWEEP_INTERVAL_MS) return;
  lastSweepAt = at.getTime();
  // A row being upserted at the same moment is re-checked after its lock: a reset row survives.
  await db.$executeRaw`DELETE FROM rate_limit_counter WHERE window_end < ${at}`;
}
