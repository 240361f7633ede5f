// Bulk import of feature flags (CTRL-012.4 inventory; CTRL-012.5: every write is an audited config
// change, recorded by the flag write core).
import { db, type Tx } from '@/lib/server/db';
import { appendAudit, recordDeniedAttempt } from '@/lib/server/audit';
import { DomainError, isUniqueViolation } from '@/lib/server/errors';
import { upsertFlagInTx } from '@/lib/server/flags/flag-steps';
import { ZFlagInput } from '@/lib/schemas/flag';
import type { FlagImportDefaults } from '@/lib/schemas/flag-import';
import {
  countResults, FlagImportFileError, parseFlagImport, planFlagImport,
  type ExistingFlag, type FlagCandidate, type FlagImportContext, type FlagImportFormat, type FlagImportResult, type FlagImportRowResult, type FlagRowPlan,
} from '@/lib/flags/flag-import';
import { canImportFlags, canImportFlagsFor, type Actor } from '@/lib/policy/permissions';

type Who = { actor: Actor; at: Date; tokenId?: string | null; requestId?: string | null };

/** Keys per `IN (…)` list: far below PostgreSQL's 65,535 bind parameters. */
const LOOKUP_BATCH = 5000;

/** Refuses (and records) an importer who owns no team's flags: auditors and people without a team. */
async function requireImporter({ actor, at, requestId }: Who): Promise<void> {
  if (canImportFlags(actor)) return;
  await recordDeniedAttempt({ action: 'flag.import-denied', entityType: 'flag', actor, at, requestId });
  throw new DomainError('FORBIDDEN', 'Only the people of a team import flags, for their own team; auditors only read.');
}

/** The parsed rows of a whole file; a file that cannot be read is an INVALID with a message to show. */
export function readFlagImportFile(content: string, format: FlagImportFormat | 'auto'): { format: FlagImportFormat; candidates: FlagCandidate[] } {
  try {
    return parseFlagImport(content, format);
  } catch (error) {
    if (error instanceof FlagImportFileError) throw new DomainError('INVALID', error.message, { content: [error.message] });
    throw error;
  }
}

/**
 * The dry run: what importing the rows would do, row by row. Reads a few batched queries (teams,
 * owners, features, stored flags) and writes nothing, not even an audit event.
 */
export async function previewFlagImport(who: Who & { candidates: readonly FlagCandidate[]; defaults: FlagImportDefaults }): Promise<FlagImportResult> {
  await requireImporter(who);
  const plans = await planRows(db, who.actor, who.candidates, who.defaults);
  const rows = plans.map(resultOf);
  return { dryRun: true, counts: countResults(rows), rows };
}

type ApplyInput = Who & {
  candidates: readonly FlagCandidate[];
  defaults: FlagImportDefaults;
  source: 'portal' | 'api';
  fileName: string;
  format: FlagImportFormat;
  /** Groups the summary events of one file imported in several calls (the import page's chunks). */
  importId?: string;
  /** Rows of the whole file, when these candidates are one chunk of it. */
  total?: number;
};

/**
 * Imports the rows: plans them again against the database as it is now (the preview may be stale),
 * then writes each create or update in a transaction of its own through the flag write core, which
 * locks the key, re-reads the flag and records rollout history, the config-change record and the
 * audit row. So a bad row (or one refused by the core) never half-writes and never rolls back the
 * good ones; rows already as the file says write nothing. One `flag.imported` event sums up the call
 * when it wrote anything: importing the same file again writes no event at all.
 *
 * Assumption: per-row transactions, not one big one. The issue asks that bad rows never abort good
 * ones, and a 20,000-row transaction would hold the audit chain head (and every other writer of the
 * trail) for its whole length.
 */
export async function applyFlagImport(input: ApplyInput): Promise<FlagImportResult> {
  await requireImporter(input);
  const plans = await planRows(db, input.actor, input.candidates, input.defaults);
  const rows: FlagImportRowResult[] = [];
  for (const plan of plans) rows.push(plan.flag ? await writeRow(input, plan, plan.flag) : resultOf(plan));
  const counts = countResults(rows);
  if (counts.created + counts.updated > 0) {
    await db.$transaction((tx) => appendAudit(tx, {
      action: 'flag.imported', entityType: 'flag', actor: { id: input.actor.id, tokenId: input.tokenId ?? null }, at: input.at, requestId: input.requestId,
      changeSet: {
        source: input.source, fileName: input.fileName, format: input.format, ...counts,
        ...(input.importId ? { importId: input.importId } : {}),
        ...(input.total !== undefined ? { rows: { first: rows[0]?.index ?? 0, last: rows.at(-1)?.index ?? 0, total: input.total } } : {}),
        // Each write has its own audit row; the summary names the keys and the refused rows.
        created: rows.filter((row) => row.outcome === 'created').map((row) => row.key),
        updated: rows.filter((row) => row.outcome === 'updated').map((row) => row.key),
        refused: rows.filter((row) => row.outcome === 'error').map((row) => ({ where: row.where, key: row.key, errors: row.errors })),
      },
    }));
  }
  return { dryRun: false, counts, rows };
}

async function writeRow(input: ApplyInput, plan: FlagRowPlan, flag: NonNullable<FlagRowPlan['flag']>): Promise<FlagImportRowResult> {
  const base = { index: plan.index, where: plan.where, key: plan.key };
  const write = () => db.$transaction((tx) => upsertFlagInTx(tx, { actor: input.actor, tokenId: input.tokenId ?? null, at: input.at, input: flag, source: 'import', requestId: input.requestId ?? null }));
  try {
    let written;
    try {
      written = await write();
    } catch (error) {
      // Two imports creating one key at once: the loser's insert fails on the unique key; once more,
      // under the key lock, it finds the winner's flag and updates or leaves it.
      if (!isUniqueViolation(error)) throw error;
      written = await write();
    }
    if (written.outcome === 'unchanged') return { ...base, outcome: 'unchanged' };
    return written.outcome === 'created' ? { ...base, outcome: 'created' } : { ...base, outcome: 'updated', changes: plan.changes ?? [] };
  } catch (error) {
    // Refusals are the row's own (its message is safe to show); anything else is not a bad row and
    // stops the import: the rows written so far are whole, and importing the file again resumes.
    if (error instanceof DomainError) return { ...base, outcome: 'error', errors: [error.message, ...Object.values(error.fieldErrors ?? {}).flat().filter((text): text is string => typeof text === 'string')] };
    throw error;
  }
}

/** Plans the rows against what the database holds now, then checks each write against the core's schema. */
async function planRows(client: Tx, actor: Actor, candidates: readonly FlagCandidate[], defaults: FlagImportDefaults): Promise<FlagRowPlan[]> {
  const context = await loadContext(client, actor, candidates, defaults);
  return planFlagImport(candidates, context).map((plan) => {
    if (!plan.flag) return plan;
    const parsed = ZFlagInput.safeParse(plan.flag);
    if (parsed.success) return plan;
    const errors = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'flag'}: ${issue.message}`);
    return { index: plan.index, where: plan.where, key: plan.key, outcome: 'error', errors };
  });
}

async function loadContext(client: Tx, actor: Actor, candidates: readonly FlagCandidate[], defaults: FlagImportDefaults): Promise<FlagImportContext> {
  const unique = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => value !== null && value !== ''))];
  const emails = unique([...candidates.map((row) => row.ownerEmail), defaults.ownerEmail]);
  const featureKeys = unique(candidates.map((row) => row.featureKey));
  const keys = unique(candidates.map((row) => row.key));
  const [teams, users, features, flags] = await Promise.all([
    client.team.findMany({ select: { id: true, slug: true } }),
    batched(emails, (batch) => client.user.findMany({ where: { email: { in: batch, mode: 'insensitive' } }, select: { id: true, email: true, isActive: true, role: true } })),
    batched(featureKeys, (batch) => client.feature.findMany({ where: { key: { in: batch } }, select: { id: true, key: true } })),
    batched(keys, (batch) => client.featureFlag.findMany({
      where: { key: { in: batch } },
      select: { key: true, teamId: true, type: true, ownerId: true, purpose: true, featureId: true, rolloutPercent: true, status: true },
    })),
  ]);
  return {
    teams: new Map(teams.map((team) => [team.slug, team.id])),
    users: new Map(users.map((user) => [user.email.toLowerCase(), { id: user.id, isActive: user.isActive, role: user.role }])),
    features: new Map(features.map((feature) => [feature.key, feature.id])),
    existing: new Map(flags.map(({ key, ...flag }): [string, ExistingFlag] => [key, flag])),
    defaults,
    mayImportFor: (teamId) => canImportFlagsFor(actor, teamId),
  };
}

async function batched<T>(values: string[], query: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = [];
  for (let start = 0; start < values.length; start += LOOKUP_BATCH) results.push(...(await query(values.slice(start, start + LOOKUP_BATCH))));
  return results;
}

const PAST: Record<FlagRowPlan['outcome'], FlagImportRowResult['outcome']> = { create: 'created', update: 'updated', unchanged: 'unchanged', error: 'error' };

function resultOf(plan: FlagRowPlan): FlagImportRowResult {
  return {
    index: plan.index, where: plan.where, key: plan.key, outcome: PAST[plan.outcome],
    ...(plan.changes ? { changes: plan.changes } : {}), ...(plan.errors ? { errors: plan.errors } : {}),
  };
}
