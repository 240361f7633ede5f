// The hostile input catalogue (issue #9 item 2): every payload the hostile specs send, with its
// category and what must happen. DOMAIN invariant 9: bad input changes nothing. Text that is merely
// unusual (markup, SQL) is legitimate: it is stored as typed and shown as text, never run.

export type HostileCategory =
  | 'script-injection'
  | 'javascript-url'
  | 'sql-like'
  | 'oversized'
  | 'broken-text'
  | 'impossible-date'
  | 'time-zone'
  | 'mass-assignment'
  | 'spoofed-origin'
  | 'cross-team-id'
  | 'csv-formula';

/**
 * - `stored-inert`: accepted, stored verbatim, rendered as literal text (no script runs, no live link);
 * - `refused-400`: 400 BAD_REQUEST with fieldErrors naming the field; nothing stored or changed;
 * - `refused-413`: 413 before parsing; nothing stored;
 * - `refused-404`: 404 NOT_FOUND, the same answer as for an id that does not exist (no existence leak);
 * - `no-effect`: the request is refused by the framework and nothing is stored;
 * - `neutralised`: exported with a leading `'`, so no spreadsheet evaluates it.
 */
export type HostileExpectation = 'stored-inert' | 'refused-400' | 'refused-413' | 'refused-404' | 'no-effect' | 'neutralised';

export type HostilePayload = { id: string; category: HostileCategory; value: string; expect: HostileExpectation; note: string };

/** Each script payload flags itself in `window.__xss` (or opens a dialog) if it ever runs. */
const SCRIPTS: [string, string][] = [
  ['script-tag', '<script>window.__xss=1</script>'],
  ['img-onerror', '<img src=x onerror="window.__xss=2">'],
  ['svg-onload', '<svg onload="window.__xss=3"></svg>'],
  ['attribute-breakout', '"><script>window.__xss=4</script>'],
  ['single-quote-breakout', "'><img src=x onerror=alert(5)>"],
  ['iframe-srcdoc', '<iframe srcdoc="<script>parent.__xss=6</script>"></iframe>'],
  ['anchor-javascript', '<a href="javascript:window.__xss=7">click me</a>'],
  ['template-expression', "{{constructor.constructor('window.__xss=8')()}}"],
  ['textarea-breakout', '</textarea><script>window.__xss=9</script>'],
  ['details-ontoggle', '<details open ontoggle="window.__xss=10">x</details>'],
  ['markdown-link', '[click me](javascript:window.__xss=11)'],
  ['body-onload', '<body onload=window.__xss=12>'],
  ['style-import', "<style>@import 'javascript:window.__xss=13';</style>"],
  ['template-literal', '${alert(14)}'],
  ['mutation-xss', '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=15>'],
  ['title-breakout', '</title><script>window.__xss=16</script>'],
  ['json-breakout', '</script><script>window.__xss=17</script>'],
];

export const SCRIPT_PAYLOADS: HostilePayload[] = SCRIPTS.map(([id, value]) => ({
  id: `script/${id}`, category: 'script-injection', value, expect: 'stored-inert', note: 'Legitimate text: stored verbatim, shown literally, never executed.',
}));

export const JAVASCRIPT_URLS: HostilePayload[] = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'javascript://example.com/%0Aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
].map((value, index) => ({ id: `url/${index + 1}`, category: 'javascript-url', value, expect: 'refused-400', note: 'Links are http(s) only: refused where a URL is taken.' }));

export const SQL_LIKE: HostilePayload[] = [
  "Robert'); DROP TABLE change_requests;--",
  "' OR '1'='1",
  '1; UPDATE users SET role = \'admin\' --',
  "x' UNION SELECT password_hash FROM users --",
  '%_\\%; SELECT pg_sleep(10)',
  '$$; DELETE FROM audit_events; $$',
].map((value, index) => ({ id: `sql/${index + 1}`, category: 'sql-like', value, expect: 'stored-inert', note: 'Legitimate text: parameterised queries store it as typed.' }));

/** Broken text: each must be refused in every free-text field (nothing stored, no 500 from Postgres). */
export const BROKEN_TEXT: HostilePayload[] = [
  ['nul', 'Pay\u0000load'],
  ['nul-only', '\u0000\u0000\u0000'],
  ['bell', 'Ring\u0007the bell'],
  ['escape-sequence', 'Colour \u001b[31mred\u001b[0m'],
  ['delete-char', 'Back\u007fspace'],
  ['vertical-tab', 'Vertical\u000btab'],
  ['lone-high-surrogate', 'Broken \ud800 text'],
  ['lone-low-surrogate', 'Broken \udfff text'],
  ['reversed-surrogates', 'Swapped \udc00\ud800 pair'],
].map(([id, value]) => ({ id: `text/${id}`, category: 'broken-text' as const, value: value!, expect: 'refused-400' as const, note: 'Control characters and unpaired surrogates are refused.' }));

/** Legitimate Unicode that must survive byte for byte (the control for the broken-text payloads). */
export const VALID_UNICODE = 'Zoë’s 🚀 déploiement — 東京 \u200d RTL \u202e txet';

export const IMPOSSIBLE_INSTANTS: HostilePayload[] = [
  '2026-02-30T10:00:00Z',
  '2025-02-29T10:00:00Z',
  '2026-04-31T10:00:00Z',
  '2026-13-01T10:00:00Z',
  '2026-03-01T24:00:00Z',
  '2026-03-01T10:60:00Z',
  '2026-03-01T10:00:60Z',
  '0000-00-00T00:00:00Z',
  '+275760-09-13T00:00:00Z',
  '2026-03-01',
  'yesterday',
].map((value, index) => ({ id: `date/${index + 1}`, category: 'impossible-date', value, expect: 'refused-400', note: 'An instant must exist: ISO 8601 with an offset.' }));

export const BAD_ZONES: HostilePayload[] = [
  '2026-03-01T10:00:00', // no offset: the zone is unknown
  '2026-03-01T10:00:00+25:00',
  '2026-03-01T10:00:00 Europe/Atlantis',
  '2026-03-01T10:00:00Z[Mars/Olympus_Mons]',
].map((value, index) => ({ id: `zone/${index + 1}`, category: 'time-zone', value, expect: 'refused-400', note: 'An instant needs a real offset; zone names are not taken in ISO instants.' }));

/** Fields no caller may set: the server decides them. Sent in create and update bodies. */
export const FORGED_FIELDS: HostilePayload[] = (
  [
    ['role', 'admin'],
    ['authorId', '00000000-0000-4000-8000-000000000001'],
    ['status', 'approved'],
    ['isUnauthorized', false],
    ['contentVersion', 99],
    ['createdAt', '2020-01-01T00:00:00Z'],
    ['approverId', '00000000-0000-4000-8000-000000000002'],
    ['__proto__', { role: 'admin' }],
  ] as const
).map(([field, value]) => ({ id: `forged/${field}`, category: 'mass-assignment' as const, value: JSON.stringify({ [field]: value }), expect: 'refused-400' as const, note: `An unknown key (${field}) is refused, never applied.` }));

export const OVERSIZED: HostilePayload[] = [
  { id: 'size/body-1mb', category: 'oversized', value: 'body over 1,000,000 characters', expect: 'refused-413', note: 'Refused before parsing.' },
  { id: 'size/incident-summary-5001', category: 'oversized', value: 'incident summary of 5,001 characters', expect: 'refused-400', note: 'Field limits are 400 with the field named.' },
  { id: 'size/51-pull-requests', category: 'oversized', value: '51 pull request links', expect: 'refused-400', note: 'List limits are 400 with the field named.' },
  { id: 'size/title-201', category: 'oversized', value: 'title of 201 characters', expect: 'refused-400', note: 'Field limits are 400 with the field named.' },
  { id: 'size/description-20001', category: 'oversized', value: 'description of 20,001 characters', expect: 'refused-400', note: 'Field limits are 400 with the field named.' },
  { id: 'size/deeply-nested-json', category: 'oversized', value: 'JSON nested 5,000 deep', expect: 'refused-400', note: 'Parsed without a crash; refused by the schema.' },
];

export const SPOOFED_ORIGINS: HostilePayload[] = [
  { id: 'origin/foreign', category: 'spoofed-origin', value: 'https://evil.example', expect: 'no-effect', note: 'A server action from another origin is refused by Next.js.' },
  { id: 'origin/null', category: 'spoofed-origin', value: 'null', expect: 'no-effect', note: 'An opaque origin is not the portal.' },
  { id: 'origin/forwarded-host', category: 'spoofed-origin', value: 'x-forwarded-host: evil.example', expect: 'no-effect', note: 'A spoofed forwarded host does not match the Origin.' },
];

export const CROSS_TEAM: HostilePayload[] = [
  'GET /api/v1/changes/{other team draft}',
  'POST …/submit of another team’s draft',
  'POST …/cancel of another team’s draft',
  'POST …/overrides on another team’s draft',
  'POST /api/v1/migrations for another team’s draft',
  'GET /api/v1/changes/{random uuid}',
].map((value, index) => ({ id: `ids/${index + 1}`, category: 'cross-team-id', value, expect: 'refused-404', note: 'Same 404 as an unknown id: no existence leak.' }));

export const CSV_FORMULAS: HostilePayload[] = [
  '=HYPERLINK("https://evil.example","click")',
  '+cmd|\' /C calc\'!A0',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
].map((value, index) => ({ id: `csv/${index + 1}`, category: 'csv-formula', value, expect: 'neutralised', note: 'Cells starting = + - @ tab CR get a leading quote.' }));

export const ALL_PAYLOADS: HostilePayload[] = [
  ...SCRIPT_PAYLOADS, ...JAVASCRIPT_URLS, ...SQL_LIKE, ...BROKEN_TEXT, ...IMPOSSIBLE_INSTANTS, ...BAD_ZONES,
  ...FORGED_FIELDS, ...OVERSIZED, ...SPOOFED_ORIGINS, ...CROSS_TEAM, ...CSV_FORMULAS,
];
