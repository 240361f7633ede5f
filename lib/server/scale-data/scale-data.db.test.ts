import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { db } from '@/lib/server/db';
import { databaseEnv } from '@/lib/env';
import { verifyAuditChain } from '@/lib/server/audit-events/verify-chain';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { lintFlagKey, type FlagType } from '@/lib/policy/flag-naming';
import { evaluateFreeze, type FreezeContext } from '@/lib/policy/freeze-window';
import type { ChangeClass } from '@/lib/policy/change-class';
import { runNodeScript } from '@/lib/testing/run-node-script';
import { generateScaleData, type ScaleDataResult } from '@/lib/server/scale-data/generate-scale-data';
import { ScaleOptionsError, parseScaleArguments } from '@/lib/server/scale-data/scale-options';

// A past end of history keeps these rows out of the periods other database tests look at.
const AT = new Date('2025-03-14T16:30:00.000Z');
const CHANGES = 600;
const SCALE = `JOIN team t ON t.id = c.team_id AND t.slug LIKE 'scale-team-%'`;

afterAll(() => db.$disconnect());

async function one<T>(sql: string): Promise<T> {
  const rows = await db.$queryRawUnsafe<T[]>(sql);
  return rows[0]!;
}

async function scaleChangeCount(): Promise<number> {
  return (await one<{ count: number }>(`SELECT count(*)::int AS count FROM change_request c ${SCALE}`)).count;
}

let before: number;
let first: ScaleDataResult;

beforeAll(async () => {
  // The demo seed makes these; a fresh test database may not have them yet.
  await db.environment.upsert({ where: { slug: 'production' }, create: { slug: 'production', name: 'Production', isProduction: true, isGated: true }, update: {} });
  await db.environment.upsert({ where: { slug: 'staging' }, create: { slug: 'staging', name: 'Staging' }, update: {} });
  before = await scaleChangeCount();
  first = await generateScaleData(db, { options: { changes: CHANGES, teams: 3, seed: 7 }, at: AT, chunkSize: 250 });
});

describe('generateScaleData', () => {
  test('adds the changes asked for, about two deploys for each deployed change, and a summary of every table', async () => {
    expect(first.rows.change_request).toBe(CHANGES);
    expect(await scaleChangeCount()).toBe(before + CHANGES);
    expect(first.period).toEqual({ start: new Date(AT.getTime() - 2 * 86_400_000), end: AT, days: 2 });
    expect(first.totalRows).toBe(Object.values(first.rows).reduce((sum, count) => sum + count, 0));
    const deploys = await one<{ deploys: number; changes: number }>(`
      SELECT count(*)::int AS deploys, count(DISTINCT d.change_request_id)::int AS changes
      FROM deployment d JOIN change_request c ON c.id = d.change_request_id ${SCALE}`);
    expect(deploys.deploys / deploys.changes).toBeGreaterThan(1.85);
    expect(deploys.deploys / deploys.changes).toBeLessThan(2.2);
  });

  test('nobody approves a change they authored, each person once per version, and major changes by two Staff+ people', async () => {
    const rows = await one<{ own: number; repeated: number; majorShort: number; majors: number }>(`
      SELECT
        (SELECT count(*)::int FROM approval a JOIN change_request c ON c.id = a.change_request_id ${SCALE} WHERE a.approver_id = c.author_id) AS own,
        (SELECT count(*)::int FROM (SELECT 1 FROM approval a JOIN change_request c ON c.id = a.change_request_id ${SCALE}
           GROUP BY a.change_request_id, a.approver_id, a.content_version HAVING count(*) > 1) x) AS repeated,
        (SELECT count(*)::int FROM change_request c ${SCALE} WHERE c.change_class = 'major' AND c.first_production_deploy_at IS NOT NULL
           AND (SELECT count(DISTINCT a.approver_id) FROM approval a JOIN "user" u ON u.id = a.approver_id
                WHERE a.change_request_id = c.id AND a.decision = 'approve' AND a.was_staff_plus AND u.is_staff_plus AND a.decided_at <= c.first_production_deploy_at) < 2) AS "majorShort",
        (SELECT count(*)::int FROM change_request c ${SCALE} WHERE c.change_class = 'major') AS majors`);
    expect(rows).toMatchObject({ own: 0, repeated: 0, majorShort: 0 });
    expect(rows.majors).toBeGreaterThan(0);
  });

  test("a change's first production deploy and the moment it reached production are the minimum over its deploys", async () => {
    const rows = await one<{ deployed: number; firstWrong: number; reachedWrong: number }>(`
      SELECT count(*) FILTER (WHERE c.first_production_deploy_at IS NOT NULL)::int AS deployed,
        count(*) FILTER (WHERE c.first_production_deploy_at IS DISTINCT FROM m.first_start)::int AS "firstWrong",
        count(*) FILTER (WHERE c.production_reached_at IS DISTINCT FROM m.reached)::int AS "reachedWrong"
      FROM change_request c ${SCALE}
      LEFT JOIN LATERAL (
        SELECT min(d.started_at) AS first_start, min(coalesce(d.finished_at, d.started_at)) FILTER (WHERE d.status = 'succeeded') AS reached
        FROM deployment d JOIN environment e ON e.id = d.environment_id AND e.is_production WHERE d.change_request_id = c.id) m ON true`);
    expect(rows).toMatchObject({ firstWrong: 0, reachedWrong: 0 });
    expect(rows.deployed).toBeGreaterThan(CHANGES / 2);
  });

  test('every production deploy without a fresh gate allow is flagged unauthorized, and no other', async () => {
    const { gateAllowValidMinutes } = await policySettingsInForce();
    const rows = await db.$queryRawUnsafe<{ is_unauthorized: boolean; has_allow: boolean; reasons: { code: string }[]; count: number }[]>(`
      SELECT d.is_unauthorized, x.has_allow, d.unauthorized_reasons AS reasons, count(*)::int AS count
      FROM deployment d JOIN change_request c ON c.id = d.change_request_id ${SCALE}
      JOIN environment e ON e.id = d.environment_id AND e.is_production
      CROSS JOIN LATERAL (SELECT EXISTS (SELECT 1 FROM gate_decision g WHERE g.change_request_id = d.change_request_id AND g.environment_id = d.environment_id
        AND g.result = 'allow' AND NOT g.is_preview AND g.evaluated_at <= d.started_at AND g.evaluated_at >= d.started_at - ${gateAllowValidMinutes} * interval '1 minute') AS has_allow) x
      GROUP BY 1, 2, 3`);
    expect(rows.filter((row) => row.is_unauthorized === row.has_allow)).toEqual([]);
    expect(rows.filter((row) => row.is_unauthorized).every((row) => row.reasons.map((reason) => reason.code).join() === 'NO_GATE_ALLOW')).toBe(true);
    expect(rows.filter((row) => !row.is_unauthorized).reduce((sum, row) => sum + row.count, 0)).toBeGreaterThan(CHANGES / 2);
  });

  test('every record happened in order and by the end of the history', async () => {
    const at = `'${AT.toISOString()}'::timestamptz`;
    const rows = await one<Record<string, number>>(`
      SELECT
        (SELECT count(*)::int FROM approval a JOIN change_request c ON c.id = a.change_request_id ${SCALE}
          WHERE a.decided_at < c.submitted_at OR a.decided_at > ${at}
             OR (a.decided_at > c.first_production_deploy_at AND c.change_class <> 'emergency')) AS approvals,
        (SELECT count(*)::int FROM deployment d JOIN change_request c ON c.id = d.change_request_id ${SCALE} JOIN gate_decision g ON g.id = d.gate_decision_id
          JOIN environment e ON e.id = d.environment_id AND e.is_production
          WHERE d.started_at - g.evaluated_at NOT BETWEEN interval '1 minute' AND interval '30 minutes' OR d.started_at > ${at} OR d.finished_at > ${at}) AS deploys,
        (SELECT count(*)::int FROM change_request c ${SCALE}
          WHERE c.pr_opened_at > c.created_at OR c.submitted_at < c.created_at OR c.updated_at > ${at} OR c.closed_at > ${at}) AS changes,
        (SELECT count(*)::int FROM migration_plan m JOIN change_request c ON c.id = m.change_request_id ${SCALE}
          WHERE m.created_at > m.executed_at OR m.executed_at > ${at} OR m.created_at < c.created_at) AS migrations,
        (SELECT count(*)::int FROM incident i JOIN change_incident ci ON ci.incident_id = i.id AND ci.link = 'caused' JOIN change_request c ON c.id = ci.change_request_id ${SCALE}
          WHERE i.started_at <= c.first_production_deploy_at OR i.resolved_at <= i.started_at OR i.resolved_at > ${at}) AS incidents`);
    expect(rows).toEqual({ approvals: 0, deploys: 0, changes: 0, migrations: 0, incidents: 0 });
  });

  test('no production allow of a held class falls in a weekly window, holiday or declared freeze', async () => {
    const policy = await policySettingsInForce();
    const holidays = await db.holiday.findMany({ select: { date: true } });
    const freezes = await db.declaredFreeze.findMany({ select: { id: true, reason: true, startsAt: true, endsAt: true, services: { select: { serviceId: true } }, environments: { select: { environmentId: true } } } });
    const context: FreezeContext = {
      timeZone: policy.timeZone, weeklyWindows: policy.weeklyWindows, holidays: holidays.map((row) => row.date.toISOString().slice(0, 10)),
      declaredFreezes: freezes.map((row) => ({ ...row, serviceIds: row.services.map((s) => s.serviceId), environmentIds: row.environments.map((e) => e.environmentId) })),
      incidents: [], override: null,
    };
    const allows = await db.$queryRawUnsafe<{ change_class: ChangeClass; environment_id: string; evaluated_at: Date; service_ids: string[] }[]>(`
      SELECT c.change_class::text AS change_class, g.environment_id::text AS environment_id, g.evaluated_at,
        (SELECT array_agg(cs.service_id::text) FROM change_service cs WHERE cs.change_request_id = c.id) AS service_ids
      FROM gate_decision g JOIN change_request c ON c.id = g.change_request_id ${SCALE}
      JOIN environment e ON e.id = g.environment_id AND e.slug = 'production'`);
    const blocked = allows.filter((row) => evaluateFreeze(
      { change: { changeClass: row.change_class, serviceIds: row.service_ids, incidentLinks: [] }, environment: { id: row.environment_id, isGated: true } },
      row.evaluated_at, context).blocked);
    expect(allows.length).toBeGreaterThan(CHANGES / 2);
    expect(blocked).toEqual([]);
  });

  test('flag keys pass the naming convention with their team and type', async () => {
    const teams = (await db.team.findMany({ select: { slug: true } })).map((team) => team.slug);
    const flags = await db.$queryRawUnsafe<{ key: string; type: FlagType; team: string }[]>(`
      SELECT f.key, f.type::text AS type, t.slug AS team FROM feature_flag f JOIN team t ON t.id = f.team_id WHERE t.slug LIKE 'scale-team-%'`);
    expect(flags.length).toBeGreaterThanOrEqual(20);
    const failing = flags.filter((flag) => { const lint = lintFlagKey(flag.key, teams, flag.type); return !lint.passes || lint.parts?.team !== flag.team; });
    expect(failing).toEqual([]);
  });

  test('leaves no SEV1 or SEV2 incident active', async () => {
    const rows = await one<{ incidents: number; activeBlocking: number }>(`
      SELECT count(DISTINCT i.id)::int AS incidents, count(DISTINCT i.id) FILTER (WHERE i.resolved_at IS NULL AND i.severity IN ('sev1', 'sev2'))::int AS "activeBlocking"
      FROM incident i JOIN change_incident ci ON ci.incident_id = i.id JOIN change_request c ON c.id = ci.change_request_id ${SCALE}`);
    expect(rows.activeBlocking).toBe(0);
    expect(rows.incidents).toBeGreaterThan(0);
  });

  test('appends one scale-data.generated event and the audit chain still verifies', async () => {
    const event = await db.auditEvent.findUniqueOrThrow({ where: { seq: first.auditSeq }, select: { action: true, entityType: true, actorId: true, changeSet: true } });
    expect(event).toMatchObject({ action: 'scale-data.generated', entityType: 'scale-data', actorId: null, changeSet: { rows: { change_request: CHANGES }, options: { changes: CHANGES, seed: 7 } } });
    const verification = await verifyAuditChain();
    expect(verification).toMatchObject({ ok: true, firstBroken: null });
  });

  test('a second run adds as many changes again, without unique-key conflicts', async () => {
    const second = await generateScaleData(db, { options: { changes: CHANGES, teams: 3, seed: 7 }, at: AT, chunkSize: 400 });
    expect(second.rows).toMatchObject({ change_request: CHANGES, team: 0, service: 0, user: 0 });
    expect(second.rows.feature_flag).toBe(first.rows.feature_flag);
    expect(await scaleChangeCount()).toBe(before + 2 * CHANGES);
    expect((await verifyAuditChain()).ok).toBe(true);
  });

  test('bad options are refused, and nothing is written', async () => {
    const count = await scaleChangeCount();
    const events = await db.auditEvent.count();
    for (const changes of [0, -1, 1.5, 5_000_001]) {
      await expect(generateScaleData(db, { options: { changes }, at: AT })).rejects.toBeInstanceOf(ScaleOptionsError);
    }
    await expect(generateScaleData(db, { options: { changes: 10, teams: 0 }, at: AT })).rejects.toBeInstanceOf(ScaleOptionsError);
    await expect(generateScaleData(db, { options: { changes: 5_000_000, perDay: 1 }, at: AT })).rejects.toThrow(/raise --per-day/);
    for (const argv of [[], ['--changes'], ['--changes', '12abc'], ['--changes', '1e6'], ['--changes', '10', '--bogus'], ['--changes', '10', '--teams', '201'], ['extra']]) {
      expect(() => parseScaleArguments(argv)).toThrow(ScaleOptionsError);
    }
    expect(parseScaleArguments(['--changes', '1_000', '--per-day', '20', '--seed', '0'])).toEqual({ changes: 1000, perDay: 20, teams: 12, seed: 0 });
    expect(parseScaleArguments(['--help'])).toBe('help');

    const cli = await runNodeScript(path.resolve('node_modules/tsx/dist/cli.mjs'), ['lib/cli/seed-scale.ts', '--changes', 'many'], { DATABASE_URL: databaseEnv().DATABASE_URL, PATH: process.env.PATH });
    expect(cli).toMatchObject({ code: 2, stdout: '' });
    expect(cli.stderr).toContain('--changes must be a whole number');
    expect(await scaleChangeCount()).toBe(count);
    expect(await db.auditEvent.count()).toBe(events);
  });
});
