import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { emptyDetails, emptyPhases, MIGRATION_TYPES } from '@/lib/policy/migration-plan';
import {
  ZCreateMigrationPlanBody, ZDryRunBody, ZEditMigrationPlanBody, ZMigrationPlanPatch, ZMigrationStepBody, ZNewMigrationPlan,
  decodeMigrationCursor, encodeMigrationCursor, migrationPlanFormSchema, migrationPlanFromForm, parseDetailsPatch, parseMigrationListQuery, readStoredDetails,
} from '@/lib/schemas/migration-plan';

const CHANGE_ID = '0196a1b2-0000-7000-8000-000000000001';

/** The messages of a failed parse, keyed by the issue path. */
function issuesOf(schema: z.ZodType, input: unknown): Record<string, string[]> {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  const issues: Record<string, string[]> = {};
  for (const issue of result.error!.issues) (issues[issue.path.join('.')] ??= []).push(issue.message);
  return issues;
}

describe('ZNewMigrationPlan: each type with its own fields', () => {
  test.each([
    { type: 'schema_additive', details: { isBackwardCompatible: true, stagingTest: ' Staging copy, 40M rows ' } },
    { type: 'schema_breaking', details: { consumers: 'billing, ledger', isConsumersCoordinated: true } },
    { type: 'data_backfill', details: { batchSize: 1000, rateLimit: '50 batches/min', resumeStrategy: 'From the last id' } },
    { type: 'infrastructure', details: { rolloutStrategy: 'canary', stagingTest: 'Cut over on staging' } },
    { type: 'framework', details: { adrUrl: 'https://adr.example.com/7', incrementalPlan: 'Service by service', isCoexistenceConfirmed: true } },
  ])('a $type plan is accepted, texts trimmed', ({ type, details }) => {
    const parsed = ZNewMigrationPlan.parse({ type, title: '  Move invoices  ', details });
    expect(parsed).toMatchObject({ type, title: 'Move invoices', rollbackPlan: '', successCriteria: '', monitoring: '', communicationPlan: '' });
    if (type === 'schema_additive') expect(parsed.details).toEqual({ isBackwardCompatible: true, stagingTest: 'Staging copy, 40M rows' });
  });

  test.each(MIGRATION_TYPES)('a draft %s plan may name only its type and title', (type) => {
    expect(ZNewMigrationPlan.parse({ type, title: 'Draft plan' }).details).toEqual({});
  });

  test.each([
    { label: 'no type', input: { title: 'Plan' }, path: 'type', message: 'Choose a migration type.' },
    { label: 'an unknown type', input: { type: 'schema_magic', title: 'Plan' }, path: 'type', message: 'Choose a migration type.' },
    { label: 'a short title', input: { type: 'framework', title: 'ab' }, path: 'title', message: 'At least 3 characters.' },
    { label: 'a javascript: ADR link', input: { type: 'framework', title: 'Plan', details: { adrUrl: 'javascript:alert(1)' } }, path: 'details.adrUrl', message: 'Use an http(s) link.' },
    { label: 'an ftp ADR link', input: { type: 'framework', title: 'Plan', details: { adrUrl: 'ftp://adr.example.com/7' } }, path: 'details.adrUrl', message: 'Use an http(s) link.' },
    { label: 'a negative batch size', input: { type: 'data_backfill', title: 'Plan', details: { batchSize: -5 } }, path: 'details.batchSize', message: 'Enter a batch size above 0.' },
    { label: 'a zero batch size', input: { type: 'data_backfill', title: 'Plan', details: { batchSize: 0 } }, path: 'details.batchSize', message: 'Enter a batch size above 0.' },
    { label: 'a fractional batch size', input: { type: 'data_backfill', title: 'Plan', details: { batchSize: 2.5 } }, path: 'details.batchSize', message: 'Enter a whole number.' },
    { label: 'a batch size above 1e7', input: { type: 'data_backfill', title: 'Plan', details: { batchSize: 10_000_001 } }, path: 'details.batchSize', message: 'At most 10,000,000 rows per batch.' },
    { label: 'a batch size as text', input: { type: 'data_backfill', title: 'Plan', details: { batchSize: '100' } }, path: 'details.batchSize', message: 'Enter a whole number.' },
    { label: 'an unknown strategy', input: { type: 'infrastructure', title: 'Plan', details: { rolloutStrategy: 'big_bang' } }, path: 'details.rolloutStrategy', message: 'Choose blue-green or canary.' },
    { label: 'another type\'s field', input: { type: 'schema_additive', title: 'Plan', details: { consumers: 'billing' } }, path: 'details', message: 'Unrecognized key: "consumers"' },
    { label: 'a forged dry run', input: { type: 'data_backfill', title: 'Plan', details: { dryRun: { outcome: 'succeeded' } } }, path: 'details', message: 'Unrecognized key: "dryRun"' },
    { label: 'forged phases', input: { type: 'schema_breaking', title: 'Plan', details: { phases: {} } }, path: 'details', message: 'Unrecognized key: "phases"' },
    { label: 'a forged status', input: { type: 'framework', title: 'Plan', status: 'succeeded' }, path: '', message: 'Unrecognized key: "status"' },
    { label: 'a control character', input: { type: 'framework', title: 'Plan\u0007' }, path: 'title', message: 'Remove control characters.' },
    { label: 'an overlong rollback plan', input: { type: 'framework', title: 'Plan', rollbackPlan: 'x'.repeat(10_001) }, path: 'rollbackPlan', message: 'At most 10,000 characters.' },
  ])('refuses $label', ({ input, path, message }) => {
    expect(issuesOf(ZNewMigrationPlan, input)[path]).toContain(message);
  });

  test('property: an accepted plan parses to itself again (round trip)', () => {
    const trimmed = fc.string({ maxLength: 50 }).map((text) => text.replace(/[\u0000-\u001F\u007F]/g, '').trim());
    fc.assert(fc.property(trimmed.filter((title) => title.length >= 3), fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: null }), trimmed, (title, batchSize, rateLimit) => {
      const parsed = ZNewMigrationPlan.parse({ type: 'data_backfill', title, details: { batchSize, rateLimit } });
      expect(ZNewMigrationPlan.parse(parsed)).toEqual(parsed);
    }));
  });
});

describe('API bodies', () => {
  test('create takes the change id beside the plan, and refuses unknown keys', () => {
    expect(ZCreateMigrationPlanBody.parse({ changeId: CHANGE_ID, type: 'framework', title: 'Node 22' })).toMatchObject({ changeId: CHANGE_ID, type: 'framework' });
    expect(issuesOf(ZCreateMigrationPlanBody, { type: 'framework', title: 'Node 22' }).changeId).toBeDefined();
    expect(issuesOf(ZCreateMigrationPlanBody, { changeId: CHANGE_ID, type: 'framework', title: 'Node 22', authorId: CHANGE_ID })['']).toEqual(['Unrecognized key: "authorId"']);
  });

  test('an edit needs the version and one field; details are checked against a type sent with them', () => {
    expect(issuesOf(ZEditMigrationPlanBody, { version: 1 })._).toEqual(['Send at least one field to change besides the version.']);
    expect(issuesOf(ZEditMigrationPlanBody, { title: 'New title' }).version).toBeDefined();
    expect(issuesOf(ZEditMigrationPlanBody, { version: 1, type: 'framework', details: { consumers: 'x' } }).details).toEqual(['Unrecognized key: "consumers"']);
    expect(ZEditMigrationPlanBody.parse({ version: 2, details: { batchSize: 10 } })).toEqual({ version: 2, details: { batchSize: 10 } });
    expect(ZMigrationPlanPatch.safeParse({ details: [] }).success).toBe(false);
  });

  test('parseDetailsPatch keys field errors as details.<field>', () => {
    expect(parseDetailsPatch('data_backfill', { batchSize: -1 })).toEqual({ fieldErrors: { 'details.batchSize': ['Enter a batch size above 0.'] } });
    expect(parseDetailsPatch('data_backfill', { batchSize: 5 })).toEqual({ data: { batchSize: 5 } });
  });

  test.each([
    { label: 'a start', body: { step: 'start' }, ok: true },
    { label: 'a phase step', body: { step: 'succeed', phase: 'migrate', version: 3 }, ok: true },
    { label: 'a roll back with its reason', body: { step: 'roll_back', reason: 'Lock waits on invoices' }, ok: true },
    { label: 'a roll back without a reason', body: { step: 'roll_back' }, ok: false },
    { label: 'a roll back with a blank reason', body: { step: 'roll_back', reason: '   ' }, ok: false },
    { label: 'an unknown step', body: { step: 'pause' }, ok: false },
    { label: 'an unknown phase', body: { step: 'start', phase: 'cleanup' }, ok: false },
    { label: 'a version as text', body: { step: 'start', version: '3' }, ok: false },
    { label: 'an unknown field', body: { step: 'start', force: true }, ok: false },
  ])('step body: $label', ({ body, ok }) => {
    expect(ZMigrationStepBody.safeParse(body).success).toBe(ok);
  });

  test('a dry run has an outcome and optional notes', () => {
    expect(ZDryRunBody.parse({ outcome: 'failed' })).toEqual({ outcome: 'failed', notes: '' });
    expect(ZDryRunBody.safeParse({ outcome: 'skipped' }).success).toBe(false);
  });
});

describe('the plan form', () => {
  function form(entries: Record<string, string>) {
    const data = new FormData();
    for (const [name, value] of Object.entries(entries)) data.append(name, value);
    return data;
  }

  test("reads only the chosen type's group: ticked boxes, numbers, blank strategy", () => {
    const data = form({
      changeId: CHANGE_ID, type: 'data_backfill', title: 'Backfill currency', rollbackPlan: 'Null it again',
      'data_backfill.batchSize': ' 500 ', 'data_backfill.rateLimit': '10/s', 'data_backfill.resumeStrategy': '',
      'schema_additive.isBackwardCompatible': 'on', 'infrastructure.stagingTest': 'ignored',
    });
    expect(migrationPlanFromForm(data, ['changeId'])).toEqual({
      changeId: CHANGE_ID, type: 'data_backfill', title: 'Backfill currency', rollbackPlan: 'Null it again',
      details: { batchSize: 500, rateLimit: '10/s', resumeStrategy: '' },
    });
    expect(migrationPlanFromForm(form({ type: 'infrastructure', title: 'LB', 'infrastructure.rolloutStrategy': '' })).details).toEqual({ rolloutStrategy: null, stagingTest: '' });
    expect(migrationPlanFromForm(form({ type: 'framework', title: 'Node', 'framework.isCoexistenceConfirmed': 'on' })).details).toMatchObject({ isCoexistenceConfirmed: true, adrUrl: '' });
    expect(migrationPlanFromForm(form({ type: 'schema_additive', title: 'Add' })).details).toEqual({ isBackwardCompatible: false, stagingTest: '' });
  });

  test('field errors land on the chosen type\'s inputs', () => {
    const schema = migrationPlanFormSchema({ changeId: z.uuid() });
    const data = form({ changeId: CHANGE_ID, type: 'data_backfill', title: 'Backfill', 'data_backfill.batchSize': '-3' });
    const result = schema.safeParse(migrationPlanFromForm(data, ['changeId']));
    expect(result.success).toBe(false);
    expect(z.flattenError(result.error!).fieldErrors).toEqual({ 'data_backfill.batchSize': ['Enter a batch size above 0.'] });
    const words = schema.safeParse(migrationPlanFromForm(form({ changeId: CHANGE_ID, type: 'data_backfill', title: 'Backfill', 'data_backfill.batchSize': 'many' }), ['changeId']));
    expect(z.flattenError(words.error!).fieldErrors).toEqual({ 'data_backfill.batchSize': ['Enter a whole number.'] });
    const untyped = schema.safeParse(migrationPlanFromForm(form({ changeId: CHANGE_ID, title: 'x' }), ['changeId']));
    expect(z.flattenError(untyped.error!).fieldErrors.type).toEqual(['Choose a migration type.']);
  });
});

describe('readStoredDetails', () => {
  test('reads what is stored and treats anything malformed as not given', () => {
    expect(readStoredDetails('data_backfill', { batchSize: 100, rateLimit: 7, resumeStrategy: 'From the last id', dryRun: { outcome: 'succeeded' } }))
      .toEqual({ ...emptyDetails('data_backfill'), batchSize: 100, resumeStrategy: 'From the last id', dryRun: null });
    expect(readStoredDetails('schema_breaking', null)).toEqual(emptyDetails('schema_breaking'));
    const phases = { ...emptyPhases(), expand: { status: 'succeeded', startedAt: '2026-11-20T10:00:00.000Z', finishedAt: '2026-11-20T10:05:00.000Z', reason: null } };
    expect(readStoredDetails('schema_breaking', { consumers: 'ledger', phases: { ...phases, migrate: { status: 'done' } } }).phases).toEqual(phases);
  });
});

describe('the list query', () => {
  test('keeps good filters, names bad ones, and round-trips the cursor', () => {
    const cursor = { createdAt: new Date('2026-11-20T10:00:00.000Z'), id: CHANGE_ID };
    const query = parseMigrationListQuery({ type: 'data_backfill', status: 'exploded', team: 'not-a-uuid', change: CHANGE_ID.toUpperCase(), before: encodeMigrationCursor(cursor) });
    expect(query.filter).toEqual({ type: 'data_backfill', changeId: CHANGE_ID });
    expect(Object.keys(query.problems).sort()).toEqual(['status', 'team']);
    expect(query.before).toEqual(cursor);
    expect(decodeMigrationCursor('12_nope')).toBeUndefined();
  });
});
