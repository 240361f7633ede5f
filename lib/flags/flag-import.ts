// Feature flag import — POL-012 CTRL-012.4 (inventory) and CTRL-012.5 (audited config changes).
// Reads Changeboard JSON/CSV, Unleash and LaunchDarkly exports into flag candidates, and plans what
// importing them would change. Pure: no IO, no clock; it runs on the server and in the browser (the
// import page parses the file there, so a 10 MB file never has to travel in one server action).
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { csvProblem } from '@/lib/format/csv';
import { FLAG_TYPES, lintFlagKey, type FlagType } from '@/lib/policy/flag-naming';
import { FLAG_PURPOSE_MAX_LENGTH, type FlagInput } from '@/lib/schemas/flag';

export const FLAG_IMPORT_FORMATS = ['changeboard-json', 'changeboard-csv', 'unleash', 'launchdarkly'] as const;
export type FlagImportFormat = (typeof FLAG_IMPORT_FORMATS)[number];

export const FLAG_IMPORT_FORMAT_LABEL: Record<FlagImportFormat, string> = {
  'changeboard-json': 'Changeboard JSON',
  'changeboard-csv': 'Changeboard CSV',
  unleash: 'Unleash export',
  launchdarkly: 'LaunchDarkly export',
};

/** The largest file taken, in bytes (10 MiB of UTF-8). */
export const FLAG_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** The most flags one file may hold. */
export const FLAG_IMPORT_MAX_ROWS = 20_000;

/** The CSV columns Changeboard writes and reads, in this order. */
export const FLAG_CSV_COLUMNS = ['key', 'team', 'type', 'owner', 'purpose', 'feature', 'rollout_percent', 'created_at'] as const;
const REQUIRED_CSV_COLUMNS = ['key', 'type', 'owner', 'purpose', 'rollout_percent'] as const;

/** The whole file is unusable (empty, too big, unknown format, unreadable); its message is safe to show. */
export class FlagImportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlagImportFileError';
  }
}

/**
 * One flag as the file states it, normalised across formats. Fields the file leaves out are null (the
 * plan fills team and owner from defaults); `problems` are what is wrong with the row as written.
 */
export type FlagCandidate = {
  /** 0-based position among the file's flags. */
  index: number;
  /** Where the row is, for people: `line 4` (CSV), `flag 3 (“name”)` (JSON exports). */
  where: string;
  key: string;
  /** Team slug. */
  team: string | null;
  type: FlagType | null;
  ownerEmail: string | null;
  purpose: string | null;
  featureKey: string | null;
  /** 0–100, whole percent. */
  rolloutPercent: number | null;
  /** ISO 8601 UTC. */
  createdAt: string | null;
  problems: string[];
};

export type ParsedFlagFile = { format: FlagImportFormat; candidates: FlagCandidate[] };

/** The uploaded bytes as text: UTF-8 only, so a binary or mis-encoded file fails loudly. */
export function decodeFlagImportFile(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) throw new FlagImportFileError('The file is empty.');
  if (bytes.byteLength > FLAG_IMPORT_MAX_BYTES) throw new FlagImportFileError(TOO_LARGE);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new FlagImportFileError('The file is not UTF-8 text. Export it as JSON or CSV (UTF-8).');
  }
}

const TOO_LARGE = 'The file is over 10 MB; split it into smaller files.';

/**
 * The flags a file names. `format` 'auto' tells the format by the content: a JSON array is
 * Changeboard JSON, an object with `features` an Unleash export, one with `items` a LaunchDarkly
 * export; anything else must be a Changeboard CSV with its header line. Throws FlagImportFileError
 * when the file as a whole cannot be used; single bad rows carry their `problems`.
 */
export function parseFlagImport(content: string, format: FlagImportFormat | 'auto' = 'auto'): ParsedFlagFile {
  const text = content.replace(/^\uFEFF/, '');
  if (utf8Length(text) > FLAG_IMPORT_MAX_BYTES) throw new FlagImportFileError(TOO_LARGE);
  if (text.includes('\u0000')) throw new FlagImportFileError('The file is not text. Upload a JSON or CSV file.');
  if (text.trim() === '') throw new FlagImportFileError('The file is empty.');

  const looksLikeJson = /^\s*[[{]/.test(text);
  if (format === 'changeboard-csv' || (format === 'auto' && !looksLikeJson)) return { format: 'changeboard-csv', candidates: markRepeats(parseChangeboardCsv(text)) };
  const json = parseJson(text);
  const detected = detectJsonFormat(json);
  if (format !== 'auto' && format !== detected) {
    throw new FlagImportFileError(`The file was sent as ${FLAG_IMPORT_FORMAT_LABEL[format]} but looks like ${detected ? FLAG_IMPORT_FORMAT_LABEL[detected] : 'none of the known formats'}.`);
  }
  switch (detected) {
    case 'changeboard-json':
      return { format: detected, candidates: markRepeats(limited(json as unknown[]).map((item, index) => changeboardJsonRow(item, index))) };
    case 'unleash':
      return { format: detected, candidates: markRepeats(limited((json as { features: unknown[] }).features).map((item, index) => unleashRow(item, index))) };
    case 'launchdarkly':
      return { format: detected, candidates: markRepeats(limited((json as { items: unknown[] }).items).map((item, index) => launchDarklyRow(item, index))) };
    default:
      throw new FlagImportFileError('Unknown format: expected a JSON array of flags (Changeboard), an Unleash export ({ "features": [...] }), a LaunchDarkly export ({ "items": [...] }) or a CSV with the header key,team,type,owner,purpose,feature,rollout_percent,created_at.');
  }
}

/**
 * A key named twice keeps its first row; a later one is refused, not merged: the two rows may
 * disagree, and neither can be trusted over the other. Marked while parsing, so the verdict holds
 * however the rows are later split into chunks.
 */
function markRepeats(candidates: FlagCandidate[]): FlagCandidate[] {
  const firstWhere = new Map<string, string>();
  for (const row of candidates) {
    if (!row.key) continue;
    const first = firstWhere.get(row.key);
    if (first) row.problems.push(`The key ${row.key} is already imported by ${first}.`);
    else firstWhere.set(row.key, row.where);
  }
  return candidates;
}

function utf8Length(text: string): number {
  // Counting without allocating the encoded copy: 10 MB files are read in the browser too.
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function limited<T>(items: T[]): T[] {
  if (items.length === 0) throw new FlagImportFileError('The file holds no flags.');
  if (items.length > FLAG_IMPORT_MAX_ROWS) throw new FlagImportFileError(`The file holds ${items.length} flags; import at most ${FLAG_IMPORT_MAX_ROWS.toLocaleString('en')} at a time.`);
  return items;
}

function detectJsonFormat(json: unknown): FlagImportFormat | null {
  if (Array.isArray(json)) return 'changeboard-json';
  if (!isRecord(json)) return null;
  if (Array.isArray(json.features)) return 'unleash';
  if (Array.isArray(json.items)) return 'launchdarkly';
  return null;
}

/** JSON.parse with the error's place as line and column, since engines word it differently. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const position = /position (\d+)/.exec(message)?.[1];
    const offset = position !== undefined ? Number(position) : /end of (JSON )?input|Unterminated/i.test(message) ? text.length : null;
    if (offset === null) throw new FlagImportFileError('The file is not valid JSON.');
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    const where = offset >= text.length ? 'at the end of the file' : `at line ${line}, column ${column}`;
    throw new FlagImportFileError(`The file is not valid JSON: it breaks off or has a syntax error ${where}.`);
  }
}

// ── shared field readers ────────────────────────────────────────────────────────────────────

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A trimmed string, or null for missing, empty or non-string values (a number is written as text). */
function textOf(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function isFlagType(value: string): value is FlagType {
  return (FLAG_TYPES as readonly string[]).includes(value);
}

/** A whole percent 0–100 from a number or its text, or a problem. */
function percent(value: unknown, label: string): number | string {
  const raw = typeof value === 'string' ? value.trim().replace(/%$/, '') : value;
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(number) || number < 0 || number > 100) return `${label} must be a whole number from 0 to 100, not “${String(value ?? '')}”.`;
  return number;
}

/** An instant with an explicit offset (or a date, read as UTC midnight), round-trip checked, as ISO UTC. */
function instant(value: unknown, label: string): { iso: string | null; problem?: string } {
  if (value === undefined || value === null || value === '') return { iso: null };
  if (typeof value === 'number') {
    const date = new Date(value);
    return Number.isFinite(value) && !Number.isNaN(date.getTime()) ? { iso: date.toISOString() } : { iso: null, problem: `${label} is not a time.` };
  }
  const raw = String(value).trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/i.exec(raw);
  const bad = { iso: null, problem: `${label} “${raw}” is not an ISO 8601 time with an offset, e.g. 2026-03-01T09:00:00Z.` };
  if (!match) return bad;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = match;
  if (match[4] !== undefined && match[7] === undefined) return bad;
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCFullYear() !== Number(y) || day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return { iso: null, problem: `${label} “${raw}” is not a real date and time.` };
  }
  const date = new Date(match[4] === undefined ? `${y}-${mo}-${d}T00:00:00Z` : raw.replace(' ', 'T'));
  return Number.isNaN(date.getTime()) ? bad : { iso: date.toISOString() };
}

function candidate(index: number, where: string, fields: Omit<FlagCandidate, 'index' | 'where' | 'problems'>, problems: string[]): FlagCandidate {
  if (!fields.key) problems.unshift('The flag has no key.');
  if (fields.purpose !== null && fields.purpose.length > FLAG_PURPOSE_MAX_LENGTH) problems.push(`The purpose has ${fields.purpose.length} characters; at most ${FLAG_PURPOSE_MAX_LENGTH}.`);
  return { index, where, ...fields, problems };
}

function typeFrom(value: string | null, problems: string[]): FlagType | null {
  if (value === null) return null;
  const lower = value.toLowerCase();
  if (isFlagType(lower)) return lower;
  problems.push(`Unknown type “${value}”: use ${FLAG_TYPES.join(', ')}.`);
  return null;
}

// ── Changeboard JSON ────────────────────────────────────────────────────────────────────────

function changeboardJsonRow(item: unknown, index: number): FlagCandidate {
  const where = `flag ${index + 1}`;
  if (!isRecord(item)) return candidate(index, where, emptyFields(), ['Each flag must be a JSON object.']);
  const problems: string[] = [];
  const key = textOf(item.key) ?? '';
  const rollout = item.rolloutPercent === undefined || item.rolloutPercent === null ? 'rolloutPercent is missing.' : percent(item.rolloutPercent, 'rolloutPercent');
  if (typeof rollout === 'string') problems.push(rollout);
  const created = instant(item.createdAt, 'createdAt');
  if (created.problem) problems.push(created.problem);
  return candidate(index, key ? `${where} (“${key}”)` : where, {
    key, team: textOf(item.team), type: typeFrom(textOf(item.type), problems), ownerEmail: textOf(item.owner)?.toLowerCase() ?? null,
    purpose: textOf(item.purpose), featureKey: textOf(item.feature), rolloutPercent: typeof rollout === 'number' ? rollout : null, createdAt: created.iso,
  }, problems);
}

function emptyFields(): Omit<FlagCandidate, 'index' | 'where' | 'problems'> {
  return { key: '', team: null, type: null, ownerEmail: null, purpose: null, featureKey: null, rolloutPercent: null, createdAt: null };
}

// ── Changeboard CSV ─────────────────────────────────────────────────────────────────────────

/** Cells a spreadsheet would run as a formula (OWASP CSV injection); quotes first keep escapes reversible. */
const FORMULA_START = /^'*[=+\-@\t\r]/;

/** A cell as written to CSV: a formula-like start is escaped with a leading single quote. */
export function escapeCsvCell(value: string): string {
  const cell = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(cell) || cell !== cell.trim() ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/** Reverses escapeCsvCell's formula guard: `'=SUM(1)` reads back as `=SUM(1)`. */
function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

/** Writes flags as a Changeboard CSV (the format parseFlagImport reads back unchanged). */
export function formatFlagCsv(rows: readonly Record<(typeof FLAG_CSV_COLUMNS)[number], string>[]): string {
  return [FLAG_CSV_COLUMNS.join(','), ...rows.map((row) => FLAG_CSV_COLUMNS.map((column) => escapeCsvCell(row[column])).join(','))].join('\n') + '\n';
}

type CsvRecord = { info: { lines: number }; record: string[] };

function parseChangeboardCsv(text: string): FlagCandidate[] {
  let records: CsvRecord[];
  try {
    // With `info`, csv-parse returns `{ info, record }` per row (its typings only model `columns`).
    records = parseCsv(text, { info: true, trim: true, skip_empty_lines: true, relax_column_count: true, max_record_size: 256_000 }) as unknown as CsvRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new FlagImportFileError(`The CSV file cannot be read near line ${error.lines}: ${csvProblem(error.code)}`);
    throw error;
  }
  const [header, ...data] = records;
  const columns = (header?.record ?? []).map((column) => column.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  const missing = REQUIRED_CSV_COLUMNS.filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    throw new FlagImportFileError(`Unknown format: a CSV must start with the header ${FLAG_CSV_COLUMNS.join(',')} (missing: ${missing.join(', ')}); JSON files must start with [ or {.`);
  }
  const rows = limited(data);
  const at = (record: string[], column: string) => {
    const position = columns.indexOf(column);
    const cell = position < 0 ? undefined : record[position];
    return cell === undefined ? null : textOf(unescapeFormula(cell));
  };
  return rows.map(({ info, record }, index) => {
    const problems: string[] = [];
    const rolloutText = at(record, 'rollout_percent');
    const rollout = rolloutText === null ? 'rollout_percent is empty.' : percent(rolloutText, 'rollout_percent');
    if (typeof rollout === 'string') problems.push(rollout);
    const created = instant(at(record, 'created_at'), 'created_at');
    if (created.problem) problems.push(created.problem);
    return candidate(index, `line ${info.lines}`, {
      key: at(record, 'key') ?? '', team: at(record, 'team'), type: typeFrom(at(record, 'type'), problems), ownerEmail: at(record, 'owner')?.toLowerCase() ?? null,
      purpose: at(record, 'purpose'), featureKey: at(record, 'feature'), rolloutPercent: typeof rollout === 'number' ? rollout : null, createdAt: created.iso,
    }, problems);
  });
}

// ── Unleash ─────────────────────────────────────────────────────────────────────────────────

const UNLEASH_TYPES: Record<string, FlagType> = { release: 'release', experiment: 'experiment', operational: 'ops', 'kill-switch': 'ops', permission: 'permission' };

// Assumption: the rollout that matters is production's. Unleash ORs a flag's strategies, so the
// widest one counts; an environment that is off, or missing, rolls out 0 %. A strategy with no
// percentage (user lists, IP ranges…) cannot be stated as one and the row is refused.
function unleashRow(item: unknown, index: number): FlagCandidate {
  if (!isRecord(item)) return candidate(index, `flag ${index + 1}`, emptyFields(), ['Each feature must be a JSON object.']);
  const problems: string[] = [];
  const key = textOf(item.name) ?? '';
  const typeText = textOf(item.type);
  const type = typeText === null ? null : (UNLEASH_TYPES[typeText.toLowerCase()] ?? null);
  if (typeText !== null && type === null) problems.push(`Unknown Unleash type “${typeText}”: use release, experiment, operational, kill-switch or permission.`);
  const created = instant(item.createdAt, 'createdAt');
  if (created.problem) problems.push(created.problem);
  const rollout = unleashRollout(item);
  if (typeof rollout === 'string') problems.push(rollout);
  return candidate(index, key ? `flag ${index + 1} (“${key}”)` : `flag ${index + 1}`, {
    key, team: null, type, ownerEmail: null, purpose: textOf(item.description), featureKey: null,
    rolloutPercent: typeof rollout === 'number' ? rollout : null, createdAt: created.iso,
  }, problems);
}

function unleashRollout(item: Record<string, unknown>): number | string {
  if (Array.isArray(item.environments)) {
    const production = item.environments.find((environment) => isRecord(environment) && String(environment.name ?? '').toLowerCase() === 'production');
    if (!isRecord(production) || production.enabled !== true) return 0;
    return widestStrategy(production.strategies);
  }
  // Exports of Unleash 3 keep one switch and the strategies on the feature itself.
  if (item.enabled === false) return 0;
  return widestStrategy(item.strategies);
}

function widestStrategy(strategies: unknown): number | string {
  if (!Array.isArray(strategies) || strategies.length === 0) return 100; // on, with no constraint: everyone
  let widest = 0;
  for (const strategy of strategies) {
    if (!isRecord(strategy)) return 'A production strategy is not an object.';
    if (strategy.disabled === true) continue;
    const parameters = isRecord(strategy.parameters) ? strategy.parameters : {};
    const name = String(strategy.name ?? '');
    const value = name === 'default' ? 100 : name === 'flexibleRollout' ? percent(parameters.rollout, 'The flexibleRollout rollout') : name === 'gradualRolloutRandom' ? percent(parameters.percentage, 'The gradualRolloutRandom percentage') : `The production strategy “${name}” has no rollout percentage; import the flag by hand.`;
    if (typeof value === 'string') return value;
    widest = Math.max(widest, value);
  }
  return widest;
}

// ── LaunchDarkly ────────────────────────────────────────────────────────────────────────────

const LD_WEIGHT_PER_PERCENT = 1000;

function launchDarklyRow(item: unknown, index: number): FlagCandidate {
  if (!isRecord(item)) return candidate(index, `flag ${index + 1}`, emptyFields(), ['Each item must be a JSON object.']);
  const problems: string[] = [];
  const key = textOf(item.key) ?? '';
  const tags = Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const typeTag = tags.map((tag) => /^type:(.+)$/i.exec(tag.trim())?.[1]?.trim().toLowerCase()).find((value) => value !== undefined);
  const suffix = key.split('-').at(-1) ?? '';
  let type: FlagType | null = null;
  if (typeTag !== undefined) type = typeFrom(typeTag === 'operational' || typeTag === 'kill-switch' ? 'ops' : typeTag, problems);
  else if (isFlagType(suffix)) type = suffix;
  const created = instant(item.creationDate, 'creationDate');
  if (created.problem) problems.push(created.problem);
  const rollout = launchDarklyRollout(item);
  if (typeof rollout === 'string') problems.push(rollout);
  const maintainer = isRecord(item._maintainer) ? textOf(item._maintainer.email)?.toLowerCase() ?? null : null;
  return candidate(index, key ? `flag ${index + 1} (“${key}”)` : `flag ${index + 1}`, {
    key, team: null, type, ownerEmail: maintainer, purpose: textOf(item.description) ?? textOf(item.name), featureKey: null,
    rolloutPercent: typeof rollout === 'number' ? rollout : null, createdAt: created.iso,
  }, problems);
}

// Assumption: the "on" variation is the one whose value is true; without variations (or for a
// multivariate flag) it is variation 0, LaunchDarkly's convention for boolean flags. Percentages are
// rounded to whole ones, since Changeboard keeps whole percents.
function launchDarklyRollout(item: Record<string, unknown>): number | string {
  const environments = isRecord(item.environments) ? item.environments : {};
  const production = environments.production;
  if (!isRecord(production) || production.on !== true) return 0;
  const variations = Array.isArray(item.variations) ? item.variations : [];
  const trueIndex = variations.findIndex((variation) => isRecord(variation) && variation.value === true);
  const onVariation = trueIndex >= 0 ? trueIndex : 0;
  const fallthrough = isRecord(production.fallthrough) ? production.fallthrough : {};
  if (isRecord(fallthrough.rollout)) {
    const weights = Array.isArray(fallthrough.rollout.variations) ? fallthrough.rollout.variations : [];
    let weight = 0;
    for (const entry of weights) {
      if (!isRecord(entry) || typeof entry.weight !== 'number' || entry.weight < 0 || entry.weight > 100 * LD_WEIGHT_PER_PERCENT) return 'A production rollout weight is not a number from 0 to 100000.';
      if (entry.variation === onVariation) weight += entry.weight;
    }
    return Math.round(weight / LD_WEIGHT_PER_PERCENT);
  }
  if (typeof fallthrough.variation === 'number') return fallthrough.variation === onVariation ? 100 : 0;
  return 100;
}

// ── planning ────────────────────────────────────────────────────────────────────────────────

/** A flag as stored now, compared field by field with the file. */
export type ExistingFlag = Omit<FlagInput, 'key' | 'createdAt'> & { status: 'active' | 'archived' };

/** What the plan needs to know of the database, loaded by the caller for the file's rows. */
export type FlagImportContext = {
  /** Every team, slug → id (keys are linted against all of them). */
  teams: ReadonlyMap<string, string>;
  /** Lowercased email → user, for the owners the file names. */
  users: ReadonlyMap<string, { id: string; isActive: boolean; role: string }>;
  /** Feature key → id. */
  features: ReadonlyMap<string, string>;
  /** Flag key → the flag as stored. */
  existing: ReadonlyMap<string, ExistingFlag>;
  /** Fill-ins for files that name no owner or team (Unleash names neither). */
  defaults: { ownerEmail: string | null; team: string | null };
  /** Whether the importer may write flags of this team (lib/policy/permissions.ts). */
  mayImportFor: (teamId: string) => boolean;
};

/** The flag the row would store: the write core's FlagInput. */
export type PlannedFlag = FlagInput;

export type FlagRowOutcome = 'create' | 'update' | 'unchanged' | 'error';

/** The field names of a flag that an import may change, as the API and the preview name them. */
export type FlagField = 'team' | 'type' | 'owner' | 'purpose' | 'feature' | 'rolloutPercent';

export type FlagRowPlan = {
  index: number;
  where: string;
  key: string;
  outcome: FlagRowOutcome;
  /** For updates: the fields that differ from the stored flag. */
  changes?: FlagField[];
  /** For errors: every reason, safe to show. */
  errors?: string[];
  /** For creates and updates: what to write. */
  flag?: PlannedFlag;
};

export type FlagImportCounts = { create: number; update: number; unchanged: number; error: number };

/**
 * What importing the candidates would do, row by row, against the stored state in `context`. Every
 * row comes back: a bad one as an error with all its reasons, never dropped.
 */
export function planFlagImport(candidates: readonly FlagCandidate[], context: FlagImportContext): FlagRowPlan[] {
  const slugs = [...context.teams.keys()];
  const longestFirst = [...slugs].sort((a, b) => b.length - a.length);
  return candidates.map((row) => {
    const errors = [...row.problems];
    const flag = resolve(row, context, slugs, longestFirst, errors);
    const base = { index: row.index, where: row.where, key: row.key };
    if (errors.length > 0 || !flag) return { ...base, outcome: 'error', errors: errors.length ? errors : ['The row cannot be imported.'] };
    const current = context.existing.get(row.key);
    if (!current) return { ...base, outcome: 'create', flag };
    if (current.status === 'archived') return { ...base, outcome: 'error', errors: [`The flag ${row.key} is archived; an import does not bring it back.`] };
    const changes = changedFields(current, flag);
    return changes.length === 0 ? { ...base, outcome: 'unchanged' } : { ...base, outcome: 'update', changes, flag };
  });
}

function resolve(row: FlagCandidate, context: FlagImportContext, slugs: string[], longestFirst: string[], errors: string[]): PlannedFlag | null {
  if (!row.key) return null;
  const prefix = longestFirst.find((slug) => row.key.startsWith(`${slug}-`)) ?? null;
  // Assumption: a row without a team belongs to the team its key starts with, else to the default team.
  const teamSlug = row.team ?? prefix ?? context.defaults.team;
  const teamId = teamSlug === null ? undefined : context.teams.get(teamSlug);
  if (teamSlug === null) errors.push('No team: name one in the file, start the key with a team, or choose a default team.');
  else if (teamId === undefined) errors.push(`Unknown team “${teamSlug}”.`);
  else if (!context.mayImportFor(teamId)) errors.push(`You may not import flags of team ${teamSlug}: only its engineers and managers may.`);

  const lint = lintFlagKey(row.key, slugs, row.type ?? undefined);
  for (const reason of lint.reasons) errors.push(`${reason.message} (${reason.control} ${reason.code})`);
  if (lint.parts && teamId !== undefined && lint.parts.team !== teamSlug) errors.push(`The key starts with team ${lint.parts.team} but the flag belongs to team ${teamSlug}.`);

  if (row.type === null && !row.problems.some((problem) => problem.startsWith('Unknown'))) errors.push('No type: use release, ops, experiment or permission.');
  if (row.purpose === null) errors.push('No purpose: every flag documents why it exists.');

  const ownerEmail = row.ownerEmail ?? context.defaults.ownerEmail?.toLowerCase() ?? null;
  const owner = ownerEmail === null ? undefined : context.users.get(ownerEmail);
  if (ownerEmail === null) errors.push('No owner: name one in the file or choose a default owner.');
  else if (owner === undefined) errors.push(`Unknown owner ${ownerEmail}: no user has this email.`);
  else if (!owner.isActive) errors.push(`The owner ${ownerEmail} is deactivated.`);
  else if (owner.role === 'auditor') errors.push(`The owner ${ownerEmail} is an auditor; auditors only read.`);

  const featureId = row.featureKey === null ? null : context.features.get(row.featureKey);
  if (featureId === undefined) errors.push(`Unknown feature “${row.featureKey}”.`);

  if (errors.length > 0 || teamId === undefined || owner === undefined || featureId === undefined || row.type === null || row.purpose === null || row.rolloutPercent === null) return null;
  return {
    key: row.key, teamId, type: row.type, ownerId: owner.id, purpose: row.purpose, featureId, rolloutPercent: row.rolloutPercent,
    ...(row.createdAt ? { createdAt: new Date(row.createdAt) } : {}),
  };
}

// Assumption: the creation time applies to new flags only; an import never rewrites history.
function changedFields(current: ExistingFlag, next: PlannedFlag): FlagField[] {
  const changes: FlagField[] = [];
  if (current.teamId !== next.teamId) changes.push('team');
  if (current.type !== next.type) changes.push('type');
  if (current.ownerId !== next.ownerId) changes.push('owner');
  if (current.purpose !== next.purpose) changes.push('purpose');
  if (current.featureId !== next.featureId) changes.push('feature');
  if (current.rolloutPercent !== next.rolloutPercent) changes.push('rolloutPercent');
  return changes;
}

export function countOutcomes(rows: readonly { outcome: FlagRowOutcome }[]): FlagImportCounts {
  const counts: FlagImportCounts = { create: 0, update: 0, unchanged: 0, error: 0 };
  for (const row of rows) counts[row.outcome] += 1;
  return counts;
}

/** One row's result as the page and the API show it; in a dry run, what would happen. */
export type FlagImportRowResult = {
  index: number;
  where: string;
  key: string;
  outcome: 'created' | 'updated' | 'unchanged' | 'error';
  changes?: FlagField[];
  errors?: string[];
};

export type FlagImportResultCounts = { created: number; updated: number; unchanged: number; errors: number };

export type FlagImportResult = { dryRun: boolean; counts: FlagImportResultCounts; rows: FlagImportRowResult[] };

/** The answer of one of the import page's calls: its rows, or a refusal safe to show. */
export type FlagImportChunkState = { status: 'ok'; result: FlagImportResult } | { status: 'error'; message: string };

export function countResults(rows: readonly FlagImportRowResult[]): FlagImportResultCounts {
  const counts: FlagImportResultCounts = { created: 0, updated: 0, unchanged: 0, errors: 0 };
  for (const row of rows) {
    if (row.outcome === 'error') counts.errors += 1;
    else counts[row.outcome] += 1;
  }
  return counts;
}

/** Errors first (they need attention), then the file's order. */
export function sortForReview<T extends { outcome: string; index: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => Number(b.outcome === 'error') - Number(a.outcome === 'error') || a.index - b.index);
}
