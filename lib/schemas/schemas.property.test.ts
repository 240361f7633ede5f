// Property tests for every validator in lib/schemas (issue #9 item 2): arbitrary input never throws,
// it only succeeds or returns issues; every object body of /api/v1 refuses unknown keys (mass
// assignment); the query parsers never throw on arbitrary query strings; local date-times that do
// not exist in the policy zone are refused.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import * as admin from '@/lib/schemas/admin';
import * as apiToken from '@/lib/schemas/api-token';
import * as auditListQuery from '@/lib/schemas/audit-list-query';
import * as audit from '@/lib/schemas/audit';
import * as calendar from '@/lib/schemas/calendar';
import * as changeApi from '@/lib/schemas/change-api';
import * as changeListQuery from '@/lib/schemas/change-list-query';
import * as changeRequestForm from '@/lib/schemas/change-request-form';
import * as changeRequest from '@/lib/schemas/change-request';
import * as configChange from '@/lib/schemas/config-change';
import * as deploymentApi from '@/lib/schemas/deployment-api';
import * as evidenceQuery from '@/lib/schemas/evidence-query';
import * as exceptionListQuery from '@/lib/schemas/exception-list-query';
import * as flagDiscipline from '@/lib/schemas/flag-discipline';
import * as flagImport from '@/lib/schemas/flag-import';
import * as flag from '@/lib/schemas/flag';
import * as form from '@/lib/schemas/form';
import * as gateApi from '@/lib/schemas/gate-api';
import * as incident from '@/lib/schemas/incident';
import * as kpiQuery from '@/lib/schemas/kpi-query';
import * as migrationPlan from '@/lib/schemas/migration-plan';
import * as override from '@/lib/schemas/override';
import * as policySettingsForm from '@/lib/schemas/policy-settings-form';
import * as text from '@/lib/schemas/text';

const MODULES = {
  admin, apiToken, auditListQuery, audit, calendar, changeApi, changeListQuery, changeRequestForm, changeRequest, configChange, deploymentApi,
  evidenceQuery, exceptionListQuery, flagDiscipline, flagImport, flag, form, gateApi, incident, kpiQuery, migrationPlan, override, policySettingsForm, text,
};

const ZONE = 'Europe/Berlin';

/** Every exported zod schema, plus the schemas the factories build for the policy zone. */
const SCHEMAS: [string, z.ZodType][] = [
  ...Object.entries(MODULES).flatMap(([module, exports]) =>
    Object.entries(exports).filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType).map(([name, schema]): [string, z.ZodType] => [`${module}.${name}`, schema])),
  ['calendar.zDeclaredFreeze', calendar.zDeclaredFreeze(ZONE)],
  ['calendar.zDeclaredFreezeEdit', calendar.zDeclaredFreezeEdit(ZONE)],
  ['calendar.zLocalDateTime', calendar.zLocalDateTime(ZONE, 'Enter a time.')],
  ['changeApi.changeListPaging', changeApi.changeListPaging(25)],
  ['text.text', text.text(200)],
];

const HOSTILE_STRINGS = ['', '\u0000', '\ud800', '<script>alert(1)</script>', 'javascript:alert(1)', "' OR 1=1 --", '2026-02-30T10:00:00Z', '=HYPERLINK("x")', 'x'.repeat(30_000), '__proto__', 'constructor'];
// Objects that throw when turned into text or a number (as JSON can send: `{"toString": []}`), and a
// Date that throws when turned into ISO text.
const UNCONVERTIBLE = [{ toString: [], valueOf: [] }, [{ toString: [] }], new Date(Number.NaN)];
const hostileValue = fc.oneof(fc.anything(), fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...UNCONVERTIBLE), fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }));

/** The keys a schema reads, when it is an object (or wraps one): arbitrary values go under them. */
function keysOf(schema: z.ZodType): string[] {
  const def = (schema as unknown as { def: { type: string; shape?: Record<string, unknown>; in?: z.ZodType; out?: z.ZodType; schema?: z.ZodType; left?: z.ZodType; right?: z.ZodType; options?: z.ZodType[] } }).def;
  if (def.shape) return Object.keys(def.shape);
  const inner = [def.in, def.out, def.schema, def.left, def.right, ...(def.options ?? [])].filter((each): each is z.ZodType => each instanceof z.ZodType);
  return [...new Set(inner.flatMap(keysOf))];
}

describe('every schema', () => {
  test('there are schemas to check (the export scan works)', () => {
    expect(SCHEMAS.length).toBeGreaterThan(60);
  });

  test.each(SCHEMAS)('%s: arbitrary input never throws; it succeeds or returns issues with messages', (_name, schema) => {
    fc.assert(fc.property(hostileValue, (input) => {
      const result = schema.safeParse(input);
      if (!result.success) expect(result.error.issues.every((issue) => typeof issue.message === 'string' && issue.message.length > 0)).toBe(true);
    }), { numRuns: 150 });
  });

  test.each(SCHEMAS.filter(([, schema]) => keysOf(schema).length > 0))('%s: objects of its own keys with hostile values never throw', (_name, schema) => {
    const keys = keysOf(schema);
    fc.assert(fc.property(fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: keys.length }), (input) => {
      expect(typeof schema.safeParse(input).success).toBe('boolean');
    }), { numRuns: 150 });
  });
});

describe('free text', () => {
  test('NUL, control characters and unpaired surrogates are refused in every text field; anything else is kept trimmed', () => {
    const schema = text.text(500);
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\ud800', '\udfff', '\t', '\n', '\r', ' '), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 40 }), (value) => {
      const result = schema.safeParse(value);
      const trimmed = value.trim();
      const allowed = !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(trimmed) && (trimmed as string & { isWellFormed(): boolean }).isWellFormed();
      expect(result.success).toBe(allowed);
      if (result.success) expect(result.data).toBe(trimmed);
    }));
  });

  test('isWellFormedText agrees with String.prototype.isWellFormed', () => {
    fc.assert(fc.property(fc.string({ unit: fc.oneof(fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', 'a'), fc.string({ unit: 'binary', maxLength: 1 })) }), (value) => {
      expect(text.isWellFormedText(value)).toBe((value as string & { isWellFormed(): boolean }).isWellFormed());
    }));
  });

  test('a link is taken only when it is http(s)', () => {
    fc.assert(fc.property(fc.oneof(fc.webUrl(), fc.string(), fc.constantFrom('javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd')), (value) => {
      const result = text.ZOptionalWebUrl.safeParse(value);
      if (result.success && value !== '') expect(new URL(value).protocol).toMatch(/^https?:$/);
    }));
    fc.assert(fc.property(fc.webUrl({ validSchemes: ['http', 'https'] }).filter((url) => url.length <= 2000), (url) => {
      expect(text.ZOptionalWebUrl.safeParse(url).success).toBe(true);
    }));
  });
});

describe('instants and local date-times', () => {
  test('an ISO instant with an offset round-trips; impossible calendar dates are refused', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2199-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
      const result = changeRequest.ZInstant.safeParse(date.toISOString());
      expect(result.success && result.data.getTime()).toBe(date.getTime());
    }));
    fc.assert(fc.property(fc.integer({ min: 1970, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
      const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T10:00:00Z`;
      const exists = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
      expect(changeRequest.ZInstant.safeParse(iso).success).toBe(exists);
    }));
  });

  test('a local time in the spring-forward gap of the policy zone is refused; every other local time maps back to itself', () => {
    const schema = calendar.zLocalDateTime(ZONE, 'Enter a time.');
    // 2026-03-29 02:00–03:00 does not exist in Berlin.
    for (const gap of ['2026-03-29T02:00', '2026-03-29T02:30', '2026-03-29T02:59']) expect(schema.safeParse(gap).success).toBe(false);
    for (const impossible of ['2026-02-30T10:00', '2026-03-01T24:00', '2026-13-01T10:00', '2026-03-01T10:60']) expect(schema.safeParse(impossible).success).toBe(false);
    fc.assert(fc.property(fc.integer({ min: 0, max: 5 * 365 * 24 * 4 }), (quarterHours) => {
      const local = new Date(Date.UTC(2025, 0, 1) + quarterHours * 15 * 60_000).toISOString().slice(0, 16);
      const result = schema.safeParse(local);
      if (!result.success) return; // the gap (and any ambiguity the schema refuses)
      const shown = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(result.data as Date).replace(' ', 'T');
      expect(shown).toBe(local);
    }), { numRuns: 300 });
  });
});

describe('mass assignment', () => {
  const id = '01a20f08-da22-7788-9ecd-0cb3d21be3f2';
  /** A valid body of every /api/v1 write with JSON input. */
  const BODIES: [string, z.ZodType, Record<string, unknown>][] = [
    ['file change', changeRequest.ZChangeRequestContent, { title: 'Raise timeouts', changeClass: 'normal', teamId: id, serviceIds: [id] }],
    ['edit change', changeApi.ZEditChangeBody, { version: 1, description: 'x' }],
    ['submit change', changeApi.ZSubmitChangeBody, { version: 1 }],
    ['cancel change', changeApi.ZCancelChangeBody, { version: 1, reason: 'Not needed.' }],
    ['close change', changeApi.ZCloseChangeBody, { version: 1, outcome: 'succeeded' }],
    ['approve change', changeApi.ZApprovalDecisionBody, { decision: 'approve', version: 1 }],
    ['classify', changeApi.ZClassifyBody, { paths: ['a.ts'], label: 'normal' }],
    ['declare incident', incident.ZDeclareIncidentBody, { title: 'Down', severity: 'sev3', startedAt: '2026-01-15T10:00:00Z' }],
    ['edit incident', incident.ZIncidentPatchBody, { version: 1, summary: 'x' }],
    ['plan config change', configChange.ZNewConfigChange, { type: 'env_var', title: 'Timeout', environmentId: id, details: { variable: 'X', pullRequestUrl: '', stagingTest: '' } }],
    ['report config change', configChange.ZReportedConfigChange, { type: 'env_var', title: 'Timeout', environmentId: id, details: { variable: 'X', pullRequestUrl: '', stagingTest: '' }, appliedAt: '2026-01-15T10:00:00Z' }],
    ['edit config change', configChange.ZEditConfigChangeBody, { version: 1, title: 'Timeout' }],
    ['config change version', configChange.ZConfigChangeVersionBody, { version: 1 }],
    ['create migration plan', migrationPlan.ZCreateMigrationPlanBody, { changeId: id, type: 'schema_additive', title: 'Plan' }],
    ['edit migration plan', migrationPlan.ZEditMigrationPlanBody, { version: 1, title: 'Plan' }],
    ['migration step', migrationPlan.ZMigrationStepBody, { step: 'start' }],
    ['dry run', migrationPlan.ZDryRunBody, { outcome: 'succeeded' }],
    ['create flag', flag.ZNewFlag, { key: 'payments-x-release', teamId: id, type: 'release', ownerId: id, purpose: 'Roll out.' }],
    ['edit flag', flag.ZFlagPatch, { version: 1, rolloutPercent: 5 }],
    ['archive flag', flag.ZArchiveFlagBody, { version: 1 }],
    ['lint flags', flag.ZFlagLintRequest, { keys: ['payments-x-release'] }],
    ['import flags', flagImport.ZFlagImportRequest, { content: 'key\n', dryRun: true }],
    ['grant override', override.ZGrantOverrideBody, { justification: 'Customers are overcharged until this ships.', expiresInHours: 2 }],
    ['revoke override', override.ZRevokeOverrideBody, { reason: 'The fix shipped already.' }],
    ['record deployment', deploymentApi.ZRecordDeploymentBody, { changeId: id, environmentSlug: 'production', status: 'started', startedAt: '2026-01-15T10:00:00Z' }],
    ['gate check', gateApi.ZGateCheckBody, { changeId: id, environment: 'production' }],
  ];
  const FORGED = ['role', 'authorId', 'status', 'isUnauthorized', 'approverId', 'createdAt', 'grantedById', 'contentVersion', 'teamIdOverride', 'isAdmin'];

  test.each(BODIES)('%s: the valid body passes; with any forged server-owned key it is refused as an unknown key', (_label, schema, body) => {
    expect(schema.safeParse(body).error?.issues).toBeUndefined();
    fc.assert(fc.property(fc.constantFrom(...FORGED), hostileValue, (key, value) => {
      fc.pre(!(key in body));
      const result = schema.safeParse({ ...body, [key]: value });
      expect(result.success).toBe(false);
      expect(JSON.stringify(result.error?.issues)).toContain('unrecognized_keys');
    }), { numRuns: 40 });
    const proto = schema.safeParse(JSON.parse(`${JSON.stringify(body).slice(0, -1)},"__proto__":{"role":"admin"}}`));
    expect(proto.success).toBe(false);
  });
});

describe('query parsers', () => {
  const params = fc.dictionary(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('from', 'to', 'q', 'cursor', 'limit', 'team', 'class', 'status', 'kind', 'page', 'actor', 'entity', 'control')), fc.oneof(fc.string(), fc.constantFrom(...HOSTILE_STRINGS), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined)));

  test('change, audit, exception, KPI and evidence queries never throw on arbitrary parameters', () => {
    fc.assert(fc.property(params, (query) => {
      expect(() => {
        changeListQuery.parseChangeListQuery(query, ZONE);
        auditListQuery.parseAuditListQuery(query, ZONE);
        exceptionListQuery.parseExceptionListQuery(query);
        kpiQuery.parseKpiQuery(query, '2026-03-01');
        evidenceQuery.parseEvidenceQuery(query);
      }).not.toThrow();
    }), { numRuns: 300 });
  });

  test('a change list cursor round-trips, and arbitrary text is no cursor or a valid one', () => {
    fc.assert(fc.property(fc.string(), (value) => {
      const cursor = changeListQuery.decodeCursor(value);
      if (cursor) expect(changeListQuery.decodeCursor(changeListQuery.encodeCursor(cursor))).toEqual(cursor);
    }));
  });
});
