// Change list speed with 100k changes (issue 3, item 5). Run by hand:
//
//   npm run bench:change-list
//
// Options (environment): CHANGEBOARD_TEST_PG_PORT picks the embedded test server (as for npm test);
// BENCH_ROUNDS (default 200) the timed rounds per scenario; BENCH_RANDOM_PAGE_COST sets the
// planner's random_page_cost for the bench database (the server default is 4; 1.1 is the usual
// setting for SSDs and data that fits in memory).
//
// Fills a scratch database `changeboard_bench` on the embedded *test* server (never the demo one)
// with bench/change-list-data.sql, then times listChanges (the app's query, through Prisma's pg
// adapter) against the hand-written SQL each filter combination needs, interleaved (A B, B A) in
// one run because this machine drifts 15–30 % between runs (STACK.md). Both must return the same
// rows.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ensureDatabase, testServer } from '../scripts/local-database.ts';
import { prisma } from '../scripts/run.ts';
import { CHANGE_PAGE_SIZE, listChanges } from '../lib/server/change-requests/list-changes.ts';
import { db } from '../lib/server/db.ts';
import type { Actor } from '../lib/policy/permissions.ts';
import type { ChangeListFilter, ChangeListPage } from '../lib/schemas/change-list-query.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const RANDOM_PAGE_COST = process.env.BENCH_RANDOM_PAGE_COST;
const WARM_UP = 20;

type RawSql = { where: string[]; values: unknown[] };
type Scenario = { label: string; filter?: ChangeListFilter; page?: ChangeListPage; sql: RawSql };

/** The page, with the names the list shows, in one statement: what listChanges has to match. */
function rawListQuery({ where, values }: RawSql, offset = 0) {
  return {
    text: `SELECT c.id, c.number, c.title, c.change_class, c.status, c.created_at, t.name AS team_name,
                  u.name AS author_name, u.email AS author_email, sv.names AS service_names
           FROM change_request c
           JOIN team t ON t.id = c.team_id
           JOIN "user" u ON u.id = c.author_id
           LEFT JOIN LATERAL (SELECT array_agg(s.name) AS names FROM change_service cs JOIN service s ON s.id = cs.service_id
                              WHERE cs.change_request_id = c.id) sv ON true
           WHERE (c.status <> 'draft' OR c.author_id = $1 OR c.team_id = $2) ${where.map((condition) => `AND ${condition}`).join(' ')}
           ORDER BY c.created_at DESC, c.number DESC
           LIMIT ${CHANGE_PAGE_SIZE + 1} OFFSET ${offset}`,
    values,
  };
}

async function fill(client: pg.Client) {
  const started = performance.now();
  await client.query(readFileSync(path.join(import.meta.dirname, 'change-list-data.sql'), 'utf8'));
  // Fresh statistics and visibility maps, as autovacuum would leave them; VACUUM cannot run in the
  // implicit transaction of a multi-statement query, hence one call per table.
  for (const table of ['change_request', 'change_service', 'team', 'service', '"user"']) await client.query(`VACUUM ANALYZE ${table}`);
  const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM change_request');
  console.log(`Filled ${Number(rows[0]!.count).toLocaleString('en')} changes in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

async function scenarios(client: pg.Client, actor: Actor): Promise<Scenario[]> {
  const one = async <T>(text: string, values: unknown[] = []) => (await client.query<T & pg.QueryResultRow>(text, values)).rows[0]!;
  const me = [actor.id, actor.teamId];
  const team = await one<{ id: string }>("SELECT id FROM team WHERE slug = 'bench-team-2'");
  const service = await one<{ id: string }>("SELECT id FROM service WHERE slug = 'bench-service-3-1'");
  const author = await one<{ id: string }>("SELECT id FROM \"user\" WHERE email = 'bench-4-7@changeboard.test'");
  const ticket = await one<{ word: string }>("SELECT substring(description FROM 'Ticket ([A-Z]+-[0-9]+)') AS word FROM change_request WHERE number = 31337");
  // The 50,001st visible change: where page 2,001 starts.
  const deep = await one<{ created_at: Date; number: number }>(`${rawListQuery({ where: [], values: me }, 50_000).text.replace(/LIMIT \d+/, 'LIMIT 1')}`, me);
  const before = { createdAt: deep.created_at, number: deep.number };
  const keyset = '(c.created_at, c.number) < ($3, $4)';
  const from = new Date('2025-03-01T00:00:00Z');
  const to = new Date('2025-04-01T00:00:00Z');
  const word = (text: string) => ({ text, changeNumber: null });
  return [
    { label: 'no filter, first page', sql: { where: [], values: me } },
    { label: 'status approved', filter: { status: 'approved' }, sql: { where: ["c.status = 'approved'"], values: me } },
    { label: 'my team’s drafts', filter: { status: 'draft' }, sql: { where: ["c.status = 'draft'"], values: me } },
    { label: 'team + class major', filter: { teamId: team.id, changeClass: 'major' }, sql: { where: ['c.team_id = $3', "c.change_class = 'major'"], values: [...me, team.id] } },
    { label: 'service', filter: { serviceId: service.id }, sql: { where: ['EXISTS (SELECT 1 FROM change_service x WHERE x.change_request_id = c.id AND x.service_id = $3)'], values: [...me, service.id] } },
    { label: 'author', filter: { authorId: author.id }, sql: { where: ['c.author_id = $3'], values: [...me, author.id] } },
    { label: 'March 2025 + normal', filter: { createdFrom: from, createdBefore: to, changeClass: 'normal' }, sql: { where: ['c.created_at >= $3', 'c.created_at < $4', "c.change_class = 'normal'"], values: [...me, from, to] } },
    { label: 'search common word', filter: { terms: [word('rotate')] }, sql: { where: ["(c.title ILIKE '%rotate%' OR c.description ILIKE '%rotate%')"], values: me } },
    { label: 'search two words', filter: { terms: [word('redis'), word('ledger')] }, sql: { where: ["(c.title ILIKE '%redis%' OR c.description ILIKE '%redis%')", "(c.title ILIKE '%ledger%' OR c.description ILIKE '%ledger%')"], values: me } },
    { label: `search rare ticket ${ticket.word}`, filter: { terms: [word(ticket.word.toLowerCase())] }, sql: { where: ['(c.title ILIKE $3 OR c.description ILIKE $3)'], values: [...me, `%${ticket.word}%`] } },
    { label: 'search without match', filter: { terms: [word('zeppelin')] }, sql: { where: ["(c.title ILIKE '%zeppelin%' OR c.description ILIKE '%zeppelin%')"], values: me } },
    { label: 'search CHG-4242', filter: { terms: [{ text: 'chg-4242', changeNumber: 4242 }] }, sql: { where: ["(c.title ILIKE '%chg-4242%' OR c.description ILIKE '%chg-4242%' OR c.number = 4242)"], values: me } },
    { label: 'deep page (row 50,001)', page: { before }, sql: { where: [keyset], values: [...me, before.createdAt, before.number] } },
    { label: 'deep page + status closed', filter: { status: 'closed' }, page: { before }, sql: { where: [keyset, "c.status = 'closed'"], values: [...me, before.createdAt, before.number] } },
  ];
}

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** The indexes the planner picks for the raw SQL, or a warning when it reads the whole table. */
async function planSummary(client: pg.Client, query: { text: string; values: unknown[] }): Promise<string> {
  const { rows } = await client.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values);
  const found = new Set<string>();
  const visit = (node: Record<string, unknown>) => {
    if (node['Relation Name'] === 'change_request' && node['Node Type'] === 'Seq Scan') found.add('SEQ SCAN change_request');
    if (typeof node['Index Name'] === 'string' && String(node['Index Name']).startsWith('change_request_')) found.add(String(node['Index Name']).replace('change_request_', ''));
    for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
  };
  visit((rows[0]!['QUERY PLAN'] as { Plan: Record<string, unknown> }[])[0]!.Plan);
  return [...found].join(', ');
}

async function main() {
  const { url } = await ensureDatabase(testServer(), 'changeboard_bench', { fresh: true });
  await prisma(['migrate', 'deploy'], { ...process.env, DATABASE_URL: url });
  if (RANDOM_PAGE_COST) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Applies to connections opened from now on: the app's pool and the raw client below.
    await admin.query(`ALTER DATABASE changeboard_bench SET random_page_cost = ${Number(RANDOM_PAGE_COST)}`).finally(() => admin.end());
  }
  // The app's client reads DATABASE_URL on first use, which comes after this.
  process.env.DATABASE_URL = url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fill(client);
    const actor = await db.user.findFirstOrThrow({ where: { email: 'bench-1-5@changeboard.test' }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
    const rows: string[][] = [];
    for (const scenario of await scenarios(client, actor)) {
      const app = () => listChanges(actor, scenario.filter, scenario.page);
      const raw = () => client.query(rawListQuery(scenario.sql));
      const [appPage, rawPage] = [await app(), await raw()];
      const expected = rawPage.rows.slice(0, CHANGE_PAGE_SIZE).map((row: { id: string }) => row.id);
      if (JSON.stringify(appPage.items.map((item) => item.id)) !== JSON.stringify(expected)) throw new Error(`${scenario.label}: listChanges and the raw SQL disagree`);
      const samples = { app: [] as number[], raw: [] as number[] };
      for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
        const [first, second] = round % 2 === 0 ? (['app', 'raw'] as const) : (['raw', 'app'] as const);
        const a = await time(first === 'app' ? app : raw);
        const b = await time(second === 'app' ? app : raw);
        if (round < WARM_UP) continue;
        samples[first].push(a);
        samples[second].push(b);
      }
      const [appMedian, rawMedian] = [percentile(samples.app, 0.5), percentile(samples.raw, 0.5)];
      rows.push([
        scenario.label, String(expected.length),
        appMedian.toFixed(2), percentile(samples.app, 0.95).toFixed(2),
        rawMedian.toFixed(2), percentile(samples.raw, 0.95).toFixed(2),
        `${(appMedian / rawMedian).toFixed(1)}×`, await planSummary(client, rawListQuery(scenario.sql)),
      ]);
    }
    // What the deep page would cost with OFFSET pagination, for comparison (the app never does this).
    const offset = { text: rawListQuery({ where: [], values: [actor.id, actor.teamId] }, 50_000).text, values: [actor.id, actor.teamId] };
    const offsetSamples: number[] = [];
    for (let round = 0; round < 30; round += 1) offsetSamples.push(await time(() => client.query(offset)));

    const header = ['scenario', 'rows', 'app p50', 'app p95', 'SQL p50', 'SQL p95', 'app/SQL', 'indexes used by the SQL'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) => cells.map((cell, column) => (column > 0 && column < 7 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join('  ');
    const settings = RANDOM_PAGE_COST ? `random_page_cost ${RANDOM_PAGE_COST}` : 'server default planner costs';
    console.log(`\nlistChanges versus hand-written SQL, ${ROUNDS} interleaved rounds each, ${settings}, milliseconds:\n`);
    console.log(line(header));
    for (const row of rows) console.log(line(row));
    console.log(`\nFor comparison, the same deep page by OFFSET 50000: p50 ${percentile(offsetSamples, 0.5).toFixed(2)} ms, p95 ${percentile(offsetSamples, 0.95).toFixed(2)} ms.`);
  } finally {
    await client.end();
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
