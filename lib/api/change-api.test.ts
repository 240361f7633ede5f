import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/api/route';
import { parseChangeListParams } from '@/lib/api/change-list-params';
import { requestFingerprint, ZIdempotencyKey } from '@/lib/api/idempotency';
import { openApiDocument } from '@/lib/api/openapi';
import { encodeCursor } from '@/lib/schemas/change-list-query';
import { ZApprovalDecisionBody, ZClassifyBody, ZEditChangeBody } from '@/lib/schemas/change-api';

const ID = '01a20d70-ce6f-76bb-a58f-ce4118f620ec';

function listParams(query: string) {
  return parseChangeListParams(new URL(`http://changeboard.test/api/v1/changes?${query}`), 'America/New_York');
}

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('Expected an ApiError');
}

describe('parseChangeListParams', () => {
  test('reads filters as the list page does, with the limit and the cursor', () => {
    const cursor = { createdAt: new Date('2026-03-06T15:00:00.000Z'), number: 42 };
    const params = listParams(`status=submitted&class=normal&team=${ID}&from=2026-03-08&to=2026-03-08&q=checkout&limit=100&cursor=${encodeCursor(cursor)}`);
    expect(params).toEqual({
      // Local days in New York: 8 March 2026 is 23 hours long (DST starts).
      filter: { status: 'submitted', changeClass: 'normal', teamId: ID, createdFrom: new Date('2026-03-08T05:00:00.000Z'), createdBefore: new Date('2026-03-09T04:00:00.000Z'), terms: [{ text: 'checkout', changeNumber: null }] },
      page: { before: cursor },
      limit: 100,
    });
  });

  test('without parameters: the newest 25', () => {
    expect(listParams('')).toEqual({ filter: {}, page: { before: undefined }, limit: 25 });
  });

  test.each([
    { label: 'an unknown status', query: 'status=shipped', fields: ['status'] },
    { label: 'a team that is not an id', query: 'team=payments', fields: ['team'] },
    { label: 'a date that does not exist', query: 'from=2026-02-30', fields: ['from'] },
    { label: 'a period ending before it starts', query: 'from=2026-03-09&to=2026-03-08', fields: ['from', 'to'] },
    { label: 'a limit over 100', query: 'limit=101', fields: ['limit'] },
    { label: 'a limit that is not a number', query: 'limit=ten', fields: ['limit'] },
    { label: 'a cursor this API never gave', query: 'cursor=page-2', fields: ['cursor'] },
    { label: 'an unknown parameter (the page\'s own paging is not the API\'s)', query: 'before=1_1', fields: ['before'] },
  ])('$label is a 400 naming the parameter', ({ query, fields }) => {
    const error = refusal(() => listParams(query));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(fields);
  });
});

describe('request bodies', () => {
  test('an edit needs a field besides the version, and refuses unknown ones', () => {
    expect(ZEditChangeBody.parse({ version: 3, title: 'A better title' })).toEqual({ version: 3, title: 'A better title' });
    expect(ZEditChangeBody.safeParse({ version: 3 }).success).toBe(false);
    expect(ZEditChangeBody.safeParse({ version: 3, status: 'approved' }).success).toBe(false);
    expect(ZEditChangeBody.safeParse({ version: '3', title: 'A better title' }).success).toBe(false);
  });

  test('a rejection needs a comment; an approval does not', () => {
    expect(ZApprovalDecisionBody.parse({ decision: 'approve', version: 1 })).toEqual({ decision: 'approve', version: 1, comment: '' });
    const rejection = ZApprovalDecisionBody.safeParse({ decision: 'reject', comment: '  ', version: 1 });
    expect(rejection.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['comment']);
  });

  test('classify takes a short pull request title, and at most 5,000 paths', () => {
    expect(ZClassifyBody.safeParse({ paths: ['a.ts'], label: 'standard', title: 'Fix' }).success).toBe(true);
    expect(ZClassifyBody.safeParse({ paths: [], label: 'emergency' }).success).toBe(true);
    expect(ZClassifyBody.safeParse({ label: 'standard' }).success).toBe(false);
    expect(ZClassifyBody.safeParse({ paths: Array.from({ length: 5001 }, () => 'a.ts'), label: 'standard' }).success).toBe(false);
  });
});

describe('Idempotency-Key', () => {
  test('property: 1–200 printable ASCII characters are a key; control characters never are', () => {
    const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)), minLength: 1, maxLength: 200 });
    fc.assert(fc.property(printable, (key) => ZIdempotencyKey.safeParse(key).success));
    fc.assert(fc.property(printable, fc.integer({ min: 0, max: 0x1f }), (key, control) => !ZIdempotencyKey.safeParse(key + String.fromCharCode(control)).success));
    expect(ZIdempotencyKey.safeParse('').success).toBe(false);
    expect(ZIdempotencyKey.safeParse('x'.repeat(201)).success).toBe(false);
  });

  test('a request is the same only with the same method, path and body', () => {
    const base = requestFingerprint('POST', '/api/v1/changes', '{"a":1}');
    expect(requestFingerprint('POST', '/api/v1/changes', '{"a":1}')).toBe(base);
    expect(requestFingerprint('POST', '/api/v1/changes', '{"a":2}')).not.toBe(base);
    expect(requestFingerprint('POST', `/api/v1/changes/${ID}/submit`, '{"a":1}')).not.toBe(base);
  });
});

describe('OpenAPI: change endpoints', () => {
  const document = openApiDocument();
  const operations = Object.entries(document.paths)
    .filter(([path]) => path.startsWith('/changes'))
    .flatMap(([path, item]) => Object.entries(item as Record<string, { 'x-required-scope'?: string; parameters?: { $ref?: string }[] }>).map(([method, operation]) => ({ path, method, operation })));

  test('every change operation names its scope', () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const { operation } of operations) expect(operation['x-required-scope']).toMatch(/^(changes:read|changes:write|classify)$/);
  });

  test('the creating POSTs take an Idempotency-Key', () => {
    const idempotent = operations.filter(({ operation }) => operation.parameters?.some((parameter) => parameter.$ref === '#/components/parameters/IdempotencyKey'));
    expect(idempotent.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(['post /changes', 'post /changes/{id}/approvals', 'post /changes/{id}/cancel', 'post /changes/{id}/close', 'post /changes/{id}/overrides', 'post /changes/{id}/overrides/{overrideId}/revoke', 'post /changes/{id}/submit']);
  });

  test('recording a deployment takes an Idempotency-Key and the deployments:write scope', () => {
    const operation = (document.paths as Record<string, Record<string, { 'x-required-scope'?: string; parameters?: { $ref?: string }[] }>>)['/deployments']?.post;
    expect(operation?.['x-required-scope']).toBe('deployments:write');
    expect(operation?.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
  });

  test('a new change must send exactly the fields without defaults', () => {
    expect(document.components.schemas.ChangeContent.required.sort()).toEqual(['changeClass', 'serviceIds', 'teamId', 'title']);
  });
});
