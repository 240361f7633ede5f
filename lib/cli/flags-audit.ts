// `npm run flags:audit [-- --at <ISO 8601 instant>]`
//   opens this month's stale-flag audit (CTRL-012.4) unless it is open already, and prints it. A
//   scheduler runs it on the 1st of each month; running it again the same month changes nothing.
import { parseArgs } from 'node:util';
import { db } from '@/lib/server/db';
import { ensureMonthlyFlagAudit } from '@/lib/server/flags/open-monthly-audit';
import { ZInstant } from '@/lib/schemas/change-request';

const USAGE = 'Usage: npm run flags:audit [-- --at <ISO 8601 instant with offset, e.g. 2026-12-01T06:00:00Z>]';

class UsageError extends Error {}

async function main(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { at: { type: 'string' } } });
  const parsed = values.at === undefined ? null : ZInstant.safeParse(values.at);
  if (parsed && !parsed.success) throw new UsageError(`--at is not an instant with an offset: ${values.at}.`);
  // The clock is read once, here, unless the scheduler names the instant.
  const audit = await ensureMonthlyFlagAudit(parsed ? parsed.data : new Date());
  const flags = `${audit.itemCount} stale flag${audit.itemCount === 1 ? '' : 's'}`;
  console.log(audit.isNew ? `Opened the ${audit.month} flag audit with ${flags}.` : `The ${audit.month} flag audit was already open (${flags}).`);
}

try {
  await main(process.argv.slice(2));
  process.exitCode = 0;
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else console.error(error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
} finally {
  await db.$disconnect();
}
