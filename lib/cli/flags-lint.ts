// `npm run flags:lint -- <file> [--teams payments,platform]`
//   lints feature flag keys against the naming convention (POL-012 CTRL-012.4) for CI. The file holds
//   keys one per line (`#` comments), or a JSON export: an array of keys, an array of { key, type },
//   Unleash `{ features: [{ name, type? }] }` or LaunchDarkly `{ items: [{ key }] }`. The known teams
//   come from `--teams` (offline, no database) or from the portal (CHANGEBOARD_URL and
//   CHANGEBOARD_TOKEN → POST /api/v1/flags/lint). Exit 0: all pass; 1: some fail; 2: usage or IO error.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { FLAG_TYPES, lintFlagKey, type FlagType } from '@/lib/policy/flag-naming';
import type { PolicyReason } from '@/lib/policy/decision';
import { keysFromLines, LINT_MAX_KEYS } from '@/lib/schemas/flag';
import { portalClientEnv } from '@/lib/env';

export const USAGE = 'Usage: npm run flags:lint -- <file> [--teams payments,platform]\n  Without --teams, set CHANGEBOARD_URL and CHANGEBOARD_TOKEN (scope flags:lint) to lint against the portal’s teams.';

export class UsageError extends Error {}

export type KeyToLint = { key: string; type?: FlagType };

export type LintResult = { key: string; passes: boolean; reasons: PolicyReason[] };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeOf(value: unknown): FlagType | undefined {
  return typeof value === 'string' && (FLAG_TYPES as readonly string[]).includes(value) ? (value as FlagType) : undefined;
}

function entryOf(item: unknown, where: string, name: 'key' | 'name'): KeyToLint {
  if (typeof item === 'string') return { key: item };
  if (isObject(item) && typeof item[name] === 'string') return { key: item[name], type: typeOf(item.type) };
  throw new UsageError(`${where}: expected a key string or an object with a "${name}".`);
}

/**
 * The keys of a file's text: JSON when it starts with `[` or `{`, otherwise one key per line.
 * Unleash's own types (e.g. `kill-switch`) are not ours, so only our four types are checked as suffixes.
 */
export function keysFromText(text: string): KeyToLint[] {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') && !trimmed.startsWith('{')) return keysFromLines(text).map((key) => ({ key }));
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch (error) {
    throw new UsageError(`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (Array.isArray(json)) return json.map((item, index) => entryOf(item, `item ${index + 1}`, 'key'));
  if (isObject(json) && Array.isArray(json.features)) return json.features.map((item, index) => entryOf(item, `features[${index}]`, 'name'));
  if (isObject(json) && Array.isArray(json.items)) return json.items.map((item, index) => entryOf(item, `items[${index}]`, 'key'));
  throw new UsageError('Unknown JSON: expected an array of keys, an array of { key, type }, an Unleash export { features: [...] } or a LaunchDarkly export { items: [...] }.');
}

/** Lints offline against the given team slugs. */
export function lintOffline(keys: readonly KeyToLint[], teams: readonly string[]): LintResult[] {
  return keys.map(({ key, type }) => {
    const { passes, reasons } = lintFlagKey(key, teams, type);
    return { key, passes, reasons };
  });
}

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number; json: () => Promise<unknown> }>;

/** Lints through the portal (its teams), in batches the endpoint accepts. */
export async function lintOnline(keys: readonly KeyToLint[], baseUrl: string, token: string, fetchImpl: Fetch = fetch): Promise<LintResult[]> {
  const results: LintResult[] = [];
  for (let start = 0; start < keys.length; start += LINT_MAX_KEYS) {
    const batch = keys.slice(start, start + LINT_MAX_KEYS);
    const types = Object.fromEntries(batch.flatMap(({ key, type }) => (type ? [[key, type]] : [])));
    let response;
    try {
      response = await fetchImpl(new URL('/api/v1/flags/lint', baseUrl).toString(), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ keys: batch.map(({ key }) => key), types }),
      });
    } catch (error) {
      throw new UsageError(`Could not reach ${baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = await response.json().catch(() => null);
    if (!response.ok || !isObject(body) || !Array.isArray(body.results)) {
      const message = isObject(body) && isObject(body.error) && typeof body.error.message === 'string' ? body.error.message : 'unexpected answer';
      throw new UsageError(`The portal answered ${response.status}: ${message}`);
    }
    results.push(...(body.results as LintResult[]));
  }
  return results;
}

/** The report printed for a run: each failing key with its reasons, then the counts. */
export function formatReport(results: readonly LintResult[]): string {
  const failed = results.filter((result) => !result.passes);
  const lines = failed.flatMap((result) => [`✖ ${result.key}`, ...result.reasons.map((reason) => `    ${reason.message} (${reason.control} ${reason.code})`)]);
  lines.push(`${results.length - failed.length} passed, ${failed.length} failed (${results.length} keys).`);
  return lines.join('\n');
}

type Io = { env: Readonly<Record<string, string | undefined>>; out: (text: string) => void; err: (text: string) => void; fetch?: Fetch };

/** Runs the command; returns the exit code (0 all pass, 1 some fail, 2 usage or IO error). */
export async function runFlagsLint(argv: readonly string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = (() => {
      try {
        return parseArgs({ args: [...argv], options: { teams: { type: 'string' } }, allowPositionals: true });
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
    })();
    if (positionals.length !== 1) throw new UsageError('Name exactly one file.');
    let text: string;
    try {
      text = await readFile(positionals[0]!, 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read ${positionals[0]}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const keys = keysFromText(text);
    if (keys.length === 0) throw new UsageError(`${positionals[0]} holds no keys.`);
    let results: LintResult[];
    if (values.teams !== undefined) {
      const teams = values.teams.split(',').map((team) => team.trim()).filter(Boolean);
      if (teams.length === 0) throw new UsageError('--teams names no team.');
      results = lintOffline(keys, teams);
    } else {
      const url = io.env.CHANGEBOARD_URL?.trim();
      const token = io.env.CHANGEBOARD_TOKEN?.trim();
      if (!url || !token) throw new UsageError('Give --teams, or set CHANGEBOARD_URL and CHANGEBOARD_TOKEN.');
      results = await lintOnline(keys, url, token, io.fetch);
    }
    const report = formatReport(results);
    const hasFailures = results.some((result) => !result.passes);
    if (hasFailures) io.err(report);
    else io.out(report);
    return hasFailures ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

// Run as a script (not when imported by the tests).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runFlagsLint(process.argv.slice(2), { env: portalClientEnv(), out: (text) => console.log(text), err: (text) => console.error(text) })
    .then((code) => { process.exitCode = code; })
    .catch((error: unknown) => { console.error(error); process.exitCode = 2; });
}
