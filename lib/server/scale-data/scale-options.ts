// Options of the scale-data generator (issue #8): how many changes, at what daily rate, over how many
// teams, from which seed. Parsed from the command line by `npm run seed:scale` and checked again by
// the generator itself, so no caller writes anything with bad options.
import { parseArgs } from 'node:util';

export const MAX_CHANGES = 5_000_000;
export const MAX_PER_DAY = 100_000;
export const MAX_TEAMS = 200;
/** A history longer than this is a typo in `--per-day`, not a realistic organisation. */
export const MAX_SPAN_DAYS = 36_500;

export const DEFAULT_PER_DAY = 500;
export const DEFAULT_TEAMS = 12;
export const DEFAULT_SEED = 1;

export type ScaleOptions = {
  /** Change requests to add. */
  changes: number;
  /** Changes a day: the history spans ceil(changes / perDay) days ending at the run's instant. */
  perDay: number;
  teams: number;
  /** Same seed, same shape of data (choices are hashes of the row number and the seed). */
  seed: number;
};

export const SCALE_USAGE = `Usage: npm run seed:scale -- --changes <n> [--per-day <n>] [--teams <n>] [--seed <n>]

  --changes <n>   change requests to add, 1–${MAX_CHANGES.toLocaleString('en')} (required)
  --per-day <n>   changes a day, 1–${MAX_PER_DAY.toLocaleString('en')} (default ${DEFAULT_PER_DAY}); the history spans ceil(changes / per-day) days ending now
  --teams <n>     teams to spread them over, 1–${MAX_TEAMS} (default ${DEFAULT_TEAMS}); created as scale-team-01… if missing
  --seed <n>      seed of the pseudo-random choices, 0–2147483647 (default ${DEFAULT_SEED}); same seed, same shape
  --help          this text

Fills the database of DATABASE_URL (else the embedded development database) with realistic history:
deploys, approvals, gate decisions, incidents, exceptions, migrations, configuration changes and flags.
Needs the environments production and staging (npm run db:seed creates them).`;

/** Bad options: the message names the option and what it takes. */
export class ScaleOptionsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaleOptionsError';
  }
}

function wholeNumber(name: string, value: string | number | undefined, min: number, max: number, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new ScaleOptionsError(`--${name} is required.`);
    return fallback;
  }
  const text = String(value).replaceAll('_', '').trim();
  const number = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    throw new ScaleOptionsError(`--${name} must be a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')} (got ${JSON.stringify(String(value))}).`);
  }
  return number;
}

/** Days the history spans. */
export function spanDays(options: Pick<ScaleOptions, 'changes' | 'perDay'>): number {
  return Math.ceil(options.changes / options.perDay);
}

/** Checks options given in code (the generator calls it before writing anything). */
export function checkScaleOptions(input: { changes?: number; perDay?: number; teams?: number; seed?: number }): ScaleOptions {
  const options: ScaleOptions = {
    changes: wholeNumber('changes', input.changes, 1, MAX_CHANGES),
    perDay: wholeNumber('per-day', input.perDay, 1, MAX_PER_DAY, DEFAULT_PER_DAY),
    teams: wholeNumber('teams', input.teams, 1, MAX_TEAMS, DEFAULT_TEAMS),
    seed: wholeNumber('seed', input.seed, 0, 2_147_483_647, DEFAULT_SEED),
  };
  const days = spanDays(options);
  if (days > MAX_SPAN_DAYS) {
    throw new ScaleOptionsError(`--changes ${options.changes} at --per-day ${options.perDay} would span ${days.toLocaleString('en')} days; at most ${MAX_SPAN_DAYS.toLocaleString('en')} (raise --per-day).`);
  }
  return options;
}

/** The command line (after `--`): the options, or `help` when asked for the usage text. */
export function parseScaleArguments(argv: readonly string[]): ScaleOptions | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: { changes: { type: 'string' }, 'per-day': { type: 'string' }, teams: { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    throw new ScaleOptionsError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const text = (name: string) => values[name] as string | undefined;
  // Text is checked here (not coerced by Number), so "1e6" or "12abc" are refused, not guessed.
  return checkScaleOptions({
    changes: text('changes') === undefined ? undefined : wholeNumber('changes', text('changes'), 1, MAX_CHANGES),
    perDay: text('per-day') === undefined ? undefined : wholeNumber('per-day', text('per-day'), 1, MAX_PER_DAY),
    teams: text('teams') === undefined ? undefined : wholeNumber('teams', text('teams'), 1, MAX_TEAMS),
    seed: text('seed') === undefined ? undefined : wholeNumber('seed', text('seed'), 0, 2_147_483_647),
  });
}
