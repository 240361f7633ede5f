import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  countOutcomes, FLAG_CSV_COLUMNS, FLAG_IMPORT_MAX_BYTES, FLAG_IMPORT_MAX_ROWS, FlagImportFileError, formatFlagCsv, parseFlagImport, planFlagImport, sortForReview,
  type ExistingFlag, type FlagCandidate, type FlagImportContext,
} from '@/lib/flags/flag-import';

// ── sample files ────────────────────────────────────────────────────────────────────────────

const CHANGEBOARD_JSON = JSON.stringify([
  { key: 'payments-checkout-release', team: 'payments', type: 'release', owner: 'Ana@Example.com', purpose: 'New checkout', feature: 'checkout', rolloutPercent: 50, createdAt: '2026-03-01T09:00:00+01:00' },
  { key: 'payments-refunds-ops', team: 'payments', type: 'ops', owner: 'ana@example.com', purpose: 'Kill switch', rolloutPercent: 100 },
  { key: 'payments-bad-release', team: 'payments', type: 'sometimes', owner: 'ana@example.com', purpose: 'x', rolloutPercent: 150, createdAt: '2026-02-30T00:00:00Z' },
  'not an object',
], null, 2);

const CHANGEBOARD_CSV = [
  'key,team,type,owner,purpose,feature,rollout_percent,created_at',
  'payments-checkout-release,payments,release,ana@example.com,New checkout,checkout,50,2026-03-01T08:00:00Z',
  `payments-formula-ops,payments,ops,ana@example.com,"'=HYPERLINK(""x"")",,'+100,`,
  '',
  'payments-half-release,payments,release,,Half,,12.5,2026-03-01',
].join('\n');

const UNLEASH = JSON.stringify({
  version: 1,
  features: [
    { name: 'payments-checkout-release', type: 'release', description: 'New checkout', project: 'default', createdAt: '2026-01-05T10:00:00.000Z', stale: false,
      environments: [
        { name: 'development', enabled: true, strategies: [{ name: 'default', parameters: {} }] },
        { name: 'production', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '25', stickiness: 'default' } }, { name: 'gradualRolloutRandom', parameters: { percentage: 40 } }] },
      ] },
    { name: 'payments-refunds-ops', type: 'kill-switch', description: 'Stop refunds', environments: [{ name: 'production', enabled: true, strategies: [{ name: 'default' }] }] },
    { name: 'payments-dark-ops', type: 'operational', description: 'Dark', environments: [{ name: 'production', enabled: false, strategies: [{ name: 'default' }] }] },
    { name: 'payments-legacy-experiment', type: 'experiment', description: 'Legacy export', enabled: true, strategies: [{ name: 'gradualRolloutRandom', parameters: { percentage: '10' } }] },
    { name: 'payments-users-permission', type: 'permission', description: 'Beta users', environments: [{ name: 'production', enabled: true, strategies: [{ name: 'userWithId', parameters: { userIds: 'a,b' } }] }] },
    { name: 'payments-odd-release', type: 'fancy', description: 'Odd', environments: [] },
  ],
});

const LAUNCHDARKLY = JSON.stringify({
  items: [
    { key: 'payments-checkout-release', name: 'Checkout', kind: 'boolean', description: 'New checkout', tags: ['web'], creationDate: 1767225600000,
      _maintainer: { email: 'Ana@example.com' }, variations: [{ value: false }, { value: true }],
      environments: { production: { on: true, fallthrough: { rollout: { variations: [{ variation: 0, weight: 66667 }, { variation: 1, weight: 33333 }] } } } } },
    { key: 'payments-refunds', name: 'Refunds switch', kind: 'boolean', description: '', tags: ['type:ops'], creationDate: 1767225600000,
      environments: { production: { on: true, fallthrough: { variation: 0 } } } },
    { key: 'payments-off-experiment', name: 'Off', kind: 'boolean', tags: [], creationDate: 1767225600000, _maintainer: { email: 'bo@example.com' },
      environments: { production: { on: false, fallthrough: { variation: 0 } } } },
    { key: 'payments-mystery', name: 'Mystery', kind: 'boolean', tags: ['type:sometimes'], environments: { production: { on: true } } },
  ],
  totalCount: 4,
});

function parse(content: string) {
  return parseFlagImport(content).candidates;
}

const pick = (row: FlagCandidate) => ({ where: row.where, key: row.key, team: row.team, type: row.type, ownerEmail: row.ownerEmail, purpose: row.purpose, featureKey: row.featureKey, rolloutPercent: row.rolloutPercent, createdAt: row.createdAt });

// ── format detection and file-level errors ──────────────────────────────────────────────────

describe('parseFlagImport: detection', () => {
  test.each([
    { label: 'a JSON array is Changeboard JSON', content: CHANGEBOARD_JSON, format: 'changeboard-json' },
    { label: 'a header line is Changeboard CSV', content: CHANGEBOARD_CSV, format: 'changeboard-csv' },
    { label: 'an object with features is Unleash', content: UNLEASH, format: 'unleash' },
    { label: 'an object with items is LaunchDarkly', content: LAUNCHDARKLY, format: 'launchdarkly' },
    { label: 'a byte-order mark is ignored', content: `\uFEFF${CHANGEBOARD_CSV}`, format: 'changeboard-csv' },
  ])('$label', ({ content, format }) => {
    expect(parseFlagImport(content).format).toBe(format);
  });

  test.each([
    { label: 'empty', content: '   \n', message: 'The file is empty.' },
    { label: 'binary', content: 'a\u0000b', message: 'The file is not text. Upload a JSON or CSV file.' },
    { label: 'a JSON object of no known kind', content: '{"flags": []}', message: /^Unknown format: expected a JSON array/ },
    { label: 'a CSV without the header', content: 'name,value\na,b\n', message: 'Unknown format: a CSV must start with the header key,team,type,owner,purpose,feature,rollout_percent,created_at (missing: key, type, owner, purpose, rollout_percent); JSON files must start with [ or {.' },
    { label: 'invalid JSON, with its place', content: '[\n  {"key": "a",\n  "team" "b"}\n]', message: 'The file is not valid JSON: it breaks off or has a syntax error at line 3, column 10.' },
    { label: 'truncated JSON', content: '[{"key": "a"', message: 'The file is not valid JSON: it breaks off or has a syntax error at the end of the file.' },
    { label: 'a JSON array with no flags', content: '[]', message: 'The file holds no flags.' },
    { label: 'a CSV header and no rows', content: 'key,team,type,owner,purpose,feature,rollout_percent,created_at\n', message: 'The file holds no flags.' },
    { label: 'an unclosed CSV quote', content: 'key,type,owner,purpose,rollout_percent\n"a,release,x,y,1\n', message: 'The CSV file cannot be read near line 2: a quoted field is never closed.' },
  ])('refuses $label', ({ content, message }) => {
    expect(() => parseFlagImport(content)).toThrow(FlagImportFileError);
    expect(() => parseFlagImport(content)).toThrow(message);
  });

  test('refuses a file that does not match the format asked for', () => {
    expect(() => parseFlagImport(UNLEASH, 'launchdarkly')).toThrow('The file was sent as LaunchDarkly export but looks like Unleash export.');
    expect(parseFlagImport(UNLEASH, 'unleash').format).toBe('unleash');
  });

  test.each([
    { label: 'more than 20,000 JSON flags', content: JSON.stringify(Array.from({ length: FLAG_IMPORT_MAX_ROWS + 1 }, () => ({}))), message: 'The file holds 20001 flags; import at most 20,000 at a time.' },
    { label: 'more than 20,000 CSV rows', content: `key,type,owner,purpose,rollout_percent\n${'a,release,o,p,1\n'.repeat(FLAG_IMPORT_MAX_ROWS + 1)}`, message: 'The file holds 20001 flags; import at most 20,000 at a time.' },
    { label: 'more than 10 MB', content: `[${' '.repeat(FLAG_IMPORT_MAX_BYTES)}]`, message: 'The file is over 10 MB; split it into smaller files.' },
    { label: 'more than 10 MB once encoded as UTF-8', content: `[${'é'.repeat(FLAG_IMPORT_MAX_BYTES / 2)}]`, message: 'The file is over 10 MB; split it into smaller files.' },
  ])('refuses $label', ({ content, message }) => {
    expect(() => parseFlagImport(content)).toThrow(message);
  });

  test('takes exactly 20,000 rows', () => {
    expect(parse(`key,type,owner,purpose,rollout_percent\n${'a,release,o,p,1\n'.repeat(FLAG_IMPORT_MAX_ROWS)}`)).toHaveLength(FLAG_IMPORT_MAX_ROWS);
  });
});

// ── per format ──────────────────────────────────────────────────────────────────────────────

describe('parseFlagImport: Changeboard JSON', () => {
  const rows = parse(CHANGEBOARD_JSON);
  test('reads every field, lowercases owner emails and converts times to UTC', () => {
    expect(pick(rows[0]!)).toEqual({ where: 'flag 1 (“payments-checkout-release”)', key: 'payments-checkout-release', team: 'payments', type: 'release', ownerEmail: 'ana@example.com', purpose: 'New checkout', featureKey: 'checkout', rolloutPercent: 50, createdAt: '2026-03-01T08:00:00.000Z' });
    expect(rows[1]).toMatchObject({ featureKey: null, createdAt: null, problems: [] });
  });
  test('reports every problem of a bad row and keeps the row', () => {
    expect(rows[2]!.problems).toEqual([
      'rolloutPercent must be a whole number from 0 to 100, not “150”.',
      '“2026-02-30T00:00:00Z” is not a real date and time.'.replace(/^/, 'createdAt '),
      'Unknown type “sometimes”: use release, ops, experiment, permission.',
    ]);
    expect(rows[3]).toMatchObject({ where: 'flag 4', key: '', problems: ['The flag has no key.', 'Each flag must be a JSON object.'] });
    expect(rows.map((row) => row.index)).toEqual([0, 1, 2, 3]);
  });
});

describe('parseFlagImport: Changeboard CSV', () => {
  const rows = parse(CHANGEBOARD_CSV);
  test('reads rows with their line numbers, skipping blank lines', () => {
    expect(rows.map((row) => row.where)).toEqual(['line 2', 'line 3', 'line 5']);
    expect(pick(rows[0]!)).toMatchObject({ key: 'payments-checkout-release', rolloutPercent: 50, createdAt: '2026-03-01T08:00:00.000Z', featureKey: 'checkout' });
  });
  test('strips the single quote spreadsheets put before formula-like cells', () => {
    expect(rows[1]).toMatchObject({ purpose: '=HYPERLINK("x")', rolloutPercent: 100, featureKey: null, createdAt: null, problems: [] });
  });
  test('a fractional percent and a missing owner stay visible on the row', () => {
    expect(rows[2]).toMatchObject({ ownerEmail: null, createdAt: '2026-03-01T00:00:00.000Z', problems: ['rollout_percent must be a whole number from 0 to 100, not “12.5”.'] });
  });
  test.each([
    { label: 'an offset-less local time is refused', cell: '2026-03-01T09:00', problem: 'created_at “2026-03-01T09:00” is not an ISO 8601 time with an offset, e.g. 2026-03-01T09:00:00Z.' },
    { label: 'a negative percent is refused', percent: '-5', problem: 'rollout_percent must be a whole number from 0 to 100, not “-5”.' },
    { label: 'a word percent is refused', percent: 'half', problem: 'rollout_percent must be a whole number from 0 to 100, not “half”.' },
    { label: 'an empty percent is refused', percent: '', problem: 'rollout_percent is empty.' },
  ])('$label', ({ cell = '', percent = '1', problem }) => {
    const [row] = parse(`key,team,type,owner,purpose,feature,rollout_percent,created_at\nk,t,release,o@x.io,p,,${percent},${cell}\n`);
    expect(row!.problems).toEqual([problem]);
  });
  test('columns may come in any order and feature/created_at may be left out', () => {
    const [row] = parse('Rollout Percent,owner,purpose,type,key\n30,o@x.io,Because,ops,payments-a-ops\n');
    expect(pick(row!)).toEqual({ where: 'line 2', key: 'payments-a-ops', team: null, type: 'ops', ownerEmail: 'o@x.io', purpose: 'Because', featureKey: null, rolloutPercent: 30, createdAt: null });
  });
});

describe('parseFlagImport: Unleash', () => {
  const rows = parse(UNLEASH);
  test.each([
    { label: 'production’s widest strategy counts, not development’s', index: 0, type: 'release', rolloutPercent: 40 },
    { label: 'kill-switch maps to ops, default strategy is 100 %', index: 1, type: 'ops', rolloutPercent: 100 },
    { label: 'operational maps to ops, a disabled environment is 0 %', index: 2, type: 'ops', rolloutPercent: 0 },
    { label: 'Unleash 3 keeps strategies on the feature', index: 3, type: 'experiment', rolloutPercent: 10 },
  ])('$label', ({ index, type, rolloutPercent }) => {
    expect(rows[index]).toMatchObject({ type, rolloutPercent, team: null, ownerEmail: null, problems: [] });
  });
  test('the description becomes the purpose and createdAt is kept', () => {
    expect(pick(rows[0]!)).toMatchObject({ key: 'payments-checkout-release', purpose: 'New checkout', createdAt: '2026-01-05T10:00:00.000Z', where: 'flag 1 (“payments-checkout-release”)' });
  });
  test('a strategy without a percentage and an unknown type are reported', () => {
    expect(rows[4]!.problems).toEqual(['The production strategy “userWithId” has no rollout percentage; import the flag by hand.']);
    expect(rows[5]).toMatchObject({ type: null, rolloutPercent: 0, problems: ['Unknown Unleash type “fancy”: use release, experiment, operational, kill-switch or permission.'] });
  });
});

describe('parseFlagImport: LaunchDarkly', () => {
  const rows = parse(LAUNCHDARKLY);
  test('the true variation’s weight / 1000, rounded; type from the key suffix; maintainer as owner', () => {
    expect(pick(rows[0]!)).toEqual({ where: 'flag 1 (“payments-checkout-release”)', key: 'payments-checkout-release', team: null, type: 'release', ownerEmail: 'ana@example.com', purpose: 'New checkout', featureKey: null, rolloutPercent: 33, createdAt: '2026-01-01T00:00:00.000Z' });
  });
  test('a type tag wins; the name stands in for an empty description; variation 0 is on', () => {
    expect(rows[1]).toMatchObject({ type: 'ops', purpose: 'Refunds switch', ownerEmail: null, rolloutPercent: 100, problems: [] });
  });
  test('off in production is 0 %', () => {
    expect(rows[2]).toMatchObject({ type: 'experiment', rolloutPercent: 0 });
  });
  test('an unknown type tag is reported', () => {
    expect(rows[3]).toMatchObject({ type: null, rolloutPercent: 100, problems: ['Unknown type “sometimes”: use release, ops, experiment, permission.'] });
  });
});

// ── planning ────────────────────────────────────────────────────────────────────────────────

const TEAMS = new Map([['payments', 'team-payments'], ['payments-eu', 'team-payments-eu'], ['search', 'team-search']]);
const USERS = new Map([
  ['ana@example.com', { id: 'user-ana', isActive: true, role: 'engineer' }],
  ['gone@example.com', { id: 'user-gone', isActive: false, role: 'engineer' }],
  ['audit@example.com', { id: 'user-audit', isActive: true, role: 'auditor' }],
]);
const stored = (overrides: Partial<ExistingFlag> = {}): ExistingFlag => ({ teamId: 'team-payments', type: 'release', ownerId: 'user-ana', purpose: 'New checkout', featureId: 'feature-checkout', rolloutPercent: 50, status: 'active', ...overrides });

function context(overrides: Partial<FlagImportContext> = {}): FlagImportContext {
  return {
    teams: TEAMS, users: USERS, features: new Map([['checkout', 'feature-checkout']]), existing: new Map(),
    defaults: { ownerEmail: null, team: null }, mayImportFor: (teamId) => teamId !== 'team-search', ...overrides,
  };
}

function row(overrides: Partial<FlagCandidate> = {}): FlagCandidate {
  return { index: 0, where: 'line 2', key: 'payments-checkout-release', team: 'payments', type: 'release', ownerEmail: 'ana@example.com', purpose: 'New checkout', featureKey: 'checkout', rolloutPercent: 50, createdAt: null, problems: [], ...overrides };
}

describe('planFlagImport', () => {
  test.each([
    { label: 'a new key is created', candidate: row({ createdAt: '2026-01-01T00:00:00.000Z' }), existing: undefined, expected: { outcome: 'create', flag: { key: 'payments-checkout-release', teamId: 'team-payments', type: 'release', ownerId: 'user-ana', purpose: 'New checkout', featureId: 'feature-checkout', rolloutPercent: 50, createdAt: new Date('2026-01-01T00:00:00.000Z') } } },
    { label: 'the same values are unchanged', candidate: row(), existing: stored(), expected: { outcome: 'unchanged' } },
    { label: 'a different creation time alone is unchanged', candidate: row({ createdAt: '2020-01-01T00:00:00.000Z' }), existing: stored(), expected: { outcome: 'unchanged' } },
    { label: 'changed fields are listed', candidate: row({ rolloutPercent: 100, purpose: 'Checkout v2', featureKey: null }), existing: stored(), expected: { outcome: 'update', changes: ['purpose', 'feature', 'rolloutPercent'] } },
    { label: 'an archived flag is not revived', candidate: row(), existing: stored({ status: 'archived' }), expected: { outcome: 'error', errors: ['The flag payments-checkout-release is archived; an import does not bring it back.'] } },
  ])('$label', ({ candidate, existing, expected }) => {
    const [plan] = planFlagImport([candidate], context({ existing: new Map(existing ? [[candidate.key, existing]] : []) }));
    expect(plan).toMatchObject({ index: 0, where: 'line 2', key: 'payments-checkout-release', ...expected });
    if (expected.outcome === 'unchanged') expect(plan!.flag).toBeUndefined();
  });

  test.each([
    { label: 'unknown team', candidate: row({ team: 'nope' }), errors: ['Unknown team “nope”.'] },
    { label: 'another team’s key', candidate: row({ team: 'search' }), errors: ['You may not import flags of team search: only its engineers and managers may.', 'The key starts with team payments but the flag belongs to team search.'] },
    { label: 'unknown owner', candidate: row({ ownerEmail: 'who@example.com' }), errors: ['Unknown owner who@example.com: no user has this email.'] },
    { label: 'deactivated owner', candidate: row({ ownerEmail: 'gone@example.com' }), errors: ['The owner gone@example.com is deactivated.'] },
    { label: 'auditor owner', candidate: row({ ownerEmail: 'audit@example.com' }), errors: ['The owner audit@example.com is an auditor; auditors only read.'] },
    { label: 'missing owner, purpose and type', candidate: row({ ownerEmail: null, purpose: null, type: null }), errors: ['No type: use release, ops, experiment or permission.', 'No purpose: every flag documents why it exists.', 'No owner: name one in the file or choose a default owner.'] },
    { label: 'unknown feature', candidate: row({ featureKey: 'ghost' }), errors: ['Unknown feature “ghost”.'] },
    { label: 'key type differs from the type', candidate: row({ type: 'ops' }), errors: ['The key ends with "release" but the flag is a ops flag. (CTRL-012.4 TYPE_MISMATCH)'] },
    { label: 'badly named key, all reasons', candidate: row({ key: 'Payments_Checkout', team: 'payments' }), errors: ['Use lowercase letters, digits and single hyphens only (kebab case), e.g. payments-checkout-release. (CTRL-012.4 NOT_KEBAB_CASE)'] },
    { label: 'key without team or type', candidate: row({ key: 'checkout-thing', team: null }), errors: ['No team: name one in the file, start the key with a team, or choose a default team.', expect.stringContaining('UNKNOWN_TEAM'), expect.stringContaining('UNKNOWN_TYPE_SUFFIX')] },
    { label: 'parse problems come first', candidate: row({ rolloutPercent: null, problems: ['rollout_percent is empty.'] }), errors: ['rollout_percent is empty.'] },
  ])('error: $label', ({ candidate, errors }) => {
    expect(planFlagImport([candidate], context())).toEqual([{ index: 0, where: 'line 2', key: candidate.key, outcome: 'error', errors }]);
  });

  test('the team comes from the longest key prefix, and defaults fill owner and team', () => {
    const plans = planFlagImport([
      row({ key: 'payments-eu-vat-release', team: null, ownerEmail: null, featureKey: null }),
      row({ index: 1, key: 'payments-x-release', team: null, ownerEmail: null, featureKey: null }),
    ], context({ defaults: { ownerEmail: 'ANA@example.com', team: 'search' } }));
    expect(plans.map((plan) => [plan.outcome, plan.flag?.teamId, plan.flag?.ownerId])).toEqual([['create', 'team-payments-eu', 'user-ana'], ['create', 'team-payments', 'user-ana']]);
  });

  test('a key named twice keeps its first row and reports the second, however the rows are chunked later', () => {
    const candidates = parse('key,team,type,owner,purpose,rollout_percent\npayments-a-ops,payments,ops,ana@example.com,A,1\npayments-a-ops,payments,ops,ana@example.com,B,2\n');
    expect(candidates.map((candidate) => candidate.problems)).toEqual([[], ['The key payments-a-ops is already imported by line 2.']]);
    expect(planFlagImport(candidates.slice(1), context())).toMatchObject([{ outcome: 'error', errors: ['The key payments-a-ops is already imported by line 2.'] }]);
  });

  test('counts and review order: errors first, then file order', () => {
    const plans = planFlagImport([row(), row({ index: 1, key: 'bad key' }), row({ index: 2, key: 'payments-other-release' }), row({ index: 3, team: 'nope', key: 'x' })], context({ existing: new Map([['payments-other-release', stored()]]) }));
    expect(countOutcomes(plans)).toEqual({ create: 1, update: 0, unchanged: 1, error: 2 });
    expect(sortForReview(plans).map((plan) => plan.index)).toEqual([1, 3, 0, 2]);
  });

  test('end to end: an Unleash file with defaults plans creates and names each bad row', () => {
    const plans = planFlagImport(parse(UNLEASH), context({ defaults: { ownerEmail: 'ana@example.com', team: null } }));
    expect(plans.map((plan) => plan.outcome)).toEqual(['create', 'create', 'create', 'create', 'error', 'error']);
    expect(plans[4]!.errors).toEqual(['The production strategy “userWithId” has no rollout percentage; import the flag by hand.']);
    expect(plans[5]!.errors).toEqual(['Unknown Unleash type “fancy”: use release, experiment, operational, kill-switch or permission.']);
  });
});

// ── CSV round trip ──────────────────────────────────────────────────────────────────────────

describe('formatFlagCsv → parseFlagImport', () => {
  // Cells as the parser keeps them: trimmed, non-empty, any printable text incl. quotes, commas and formula starts.
  const cell = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom('a', 'Z', '9', ' ', ',', '"', "'", '=', '+', '-', '@', '\n', 'é', ';') })
    .map((value) => value.trim()).filter((value) => value !== '');
  const flagRow = fc.record({
    key: cell, team: cell, type: fc.constantFrom('release', 'ops', 'experiment', 'permission'), owner: cell.map((value) => value.toLowerCase()), purpose: cell,
    feature: fc.option(cell, { nil: '' }), rollout_percent: fc.integer({ min: 0, max: 100 }).map(String),
    created_at: fc.option(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()), { nil: '' }),
  });

  test('every row reads back as written', () => {
    // Keys are unique: a repeated key is refused by design (see the planning tests).
    fc.assert(fc.property(fc.uniqueArray(flagRow, { minLength: 1, maxLength: 20, selector: (flag) => flag.key }), (rows) => {
      const parsed = parseFlagImport(formatFlagCsv(rows), 'changeboard-csv').candidates;
      expect(parsed.map((candidate) => ({
        key: candidate.key, team: candidate.team, type: candidate.type, owner: candidate.ownerEmail, purpose: candidate.purpose,
        feature: candidate.featureKey ?? '', rollout_percent: String(candidate.rolloutPercent), created_at: candidate.createdAt ?? '',
      }))).toEqual(rows);
      expect(parsed.every((candidate) => candidate.problems.length === 0)).toBe(true);
    }));
  });

  test('the header is the documented one', () => {
    expect(formatFlagCsv([]).split('\n')[0]).toBe(FLAG_CSV_COLUMNS.join(','));
  });
});
