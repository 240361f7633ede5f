// `npm run seed:scale -- --changes <n> [--per-day <n>] [--teams <n>] [--seed <n>]`
//   fills the database with realistic change-governance history for benchmarks (issue #8): a progress
//   bar on stderr while it runs, a summary on stdout at the end.
// Exit codes: 0 done, 1 the database refused (e.g. no production/staging environment), 2 bad arguments.
import { db } from '@/lib/server/db';
import { ScaleOptionsError, SCALE_USAGE, parseScaleArguments } from '@/lib/server/scale-data/scale-options';
import { ScaleDataError } from '@/lib/server/scale-data/reference-data';
import { generateScaleData, SCALE_TABLES, type ScaleDataResult, type ScaleProgress } from '@/lib/server/scale-data/generate-scale-data';

const BAR_WIDTH = 28;
const number = (value: number) => Math.round(value).toLocaleString('en');

function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ${String(seconds % 60).padStart(2, '0')}s` : `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** One line of progress: a bar, changes done, rows per second and the time left at the current pace. */
function progressLine({ changesDone, changesTotal, rowsWritten, elapsedMs }: ScaleProgress): string {
  const share = changesDone / changesTotal;
  const filled = Math.round(share * BAR_WIDTH);
  const seconds = elapsedMs / 1000;
  const eta = changesDone > 0 ? (elapsedMs / changesDone) * (changesTotal - changesDone) : 0;
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${number(changesDone)}/${number(changesTotal)} changes`
    + ` · ${number(rowsWritten / Math.max(seconds, 0.001))} rows/s · ${changesDone < changesTotal ? `ETA ${duration(eta)}` : `done in ${duration(elapsedMs)}`}`;
}

function showProgress(progress: ScaleProgress): void {
  // On a terminal the bar redraws in place; in a log (CI, a pipe) each chunk is a line of its own.
  if (process.stderr.isTTY) process.stderr.write(`\r${progressLine(progress)}\u001b[K${progress.changesDone === progress.changesTotal ? '\n' : ''}`);
  else process.stderr.write(`${progressLine(progress)}\n`);
}

function summary(result: ScaleDataResult): string {
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const width = Math.max(...SCALE_TABLES.map((table) => table.length));
  const lines = SCALE_TABLES.map((table) => `  ${table.padEnd(width)}  ${number(result.rows[table]).padStart(12)}`);
  const seconds = result.elapsedMs / 1000;
  return [
    `Scale data added (seed ${result.options.seed}, ${result.options.teams} teams, ${number(result.options.perDay)} changes a day):`,
    ...lines,
    `  ${'total'.padEnd(width)}  ${number(result.totalRows).padStart(12)} rows`,
    `Period:        ${day(result.period.start)} → ${day(result.period.end)} (${number(result.period.days)} days)`,
    `Elapsed:       ${duration(result.elapsedMs)} (${number(result.totalRows / Math.max(seconds, 0.001))} rows/s, ${number(result.options.changes / Math.max(seconds, 0.001))} changes/s)`,
    `Database size: ${result.database.pretty}`,
    `Audit event:   #${result.auditSeq} scale-data.generated`,
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseScaleArguments(argv);
  if (parsed === 'help') {
    console.log(SCALE_USAGE);
    return 0;
  }
  // The clock is read once, here: the history ends at this instant.
  const result = await generateScaleData(db, { options: parsed, at: new Date(), onProgress: showProgress });
  console.log(summary(result));
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof ScaleOptionsError) console.error(`${error.message}\n\n${SCALE_USAGE}`);
  else if (error instanceof ScaleDataError) console.error(error.message);
  else console.error(error);
  process.exitCode = error instanceof ScaleOptionsError ? 2 : 1;
} finally {
  await db.$disconnect();
}
