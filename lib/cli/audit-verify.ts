// `npm run audit:verify [-- --checkpoint <file>] [--export-checkpoint <file>]`
//   verifies the whole audit chain (and, with --checkpoint, that history up to a kept checkpoint was
//   not rewritten); --export-checkpoint writes the current head as a checkpoint file to keep elsewhere.
// Exit codes: 0 verified, 1 the chain is broken, 2 usage or database errors.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { db } from '@/lib/server/db';
import { ZAuditCheckpoint } from '@/lib/schemas/audit';
import { verifyAgainstCheckpoint, verifyAuditChain, type AuditCheckpoint, type ChainVerification } from '@/lib/server/audit-events/verify-chain';

const USAGE = `Usage:
  npm run audit:verify [-- --checkpoint <file>] [--export-checkpoint <file>]`;

class UsageError extends Error {}

function readCheckpoint(file: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read checkpoint ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = ZAuditCheckpoint.safeParse(json);
  if (!parsed.success) throw new UsageError(`${file} is not a checkpoint: expected {"seq": "<n>", "hash": "<64 hex>", "at": "<ISO time>"}.`);
  return parsed.data;
}

function describe(result: ChainVerification): string {
  if (result.ok) return `Audit chain verified: ${result.checked} events, head #${result.head.seq} ${result.head.hash}`;
  const broken = result.firstBroken!;
  const event = broken.eventId ? `event ${broken.eventId} (${broken.action}, ${broken.at})` : 'no such event';
  return `Audit chain BROKEN at #${broken.seq}: ${broken.reason}; ${event}. ${result.checked} events verified before it; head #${result.head.seq} ${result.head.hash}`;
}

async function main(argv: string[]): Promise<number> {
  let values: { checkpoint?: string; 'export-checkpoint'?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { checkpoint: { type: 'string' }, 'export-checkpoint': { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const checkpoint = values.checkpoint ? readCheckpoint(values.checkpoint) : undefined;
  const at = new Date();
  const result = checkpoint ? await verifyAgainstCheckpoint(checkpoint) : await verifyAuditChain();
  console.log(describe(result));
  if (checkpoint && result.ok) console.log(`Checkpoint #${checkpoint.seq} ${checkpoint.hash} matches.`);
  if (!result.ok) return 1;
  const exportTo = values['export-checkpoint'];
  if (exportTo) {
    // The head just verified, not a newer one: a checkpoint vouches for everything before it.
    const taken: AuditCheckpoint = { seq: result.head.seq, hash: result.head.hash, at: at.toISOString() };
    writeFileSync(exportTo, `${JSON.stringify(taken, null, 2)}\n`);
    console.log(`Checkpoint #${taken.seq} written to ${exportTo}.`);
  }
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
