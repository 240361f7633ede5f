import { describe, expect, test } from 'vitest';
import { ApiError } from '@/lib/api/route';
import { gateDecisionDto, gateErrorResponse, gateUnavailableResponse, gateUnknownResponse } from '@/lib/api/gate-response';
import { DomainError } from '@/lib/server/errors';

const REQUEST_ID = 'req-1';
const UNAVAILABLE = { decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'GATE_UNAVAILABLE', message: expect.stringContaining(REQUEST_ID) }] };

describe('gate responses', () => {
  test('an unavailable gate denies with 503 and names the request', async () => {
    const response = gateUnavailableResponse(REQUEST_ID);
    expect(response.status).toBe(503);
    expect(response.headers.get('x-request-id')).toBe(REQUEST_ID);
    expect(await response.json()).toEqual(UNAVAILABLE);
  });

  test.each([
    ['a database outage', new Error('connect ECONNREFUSED 127.0.0.1:5432')],
    ['a timeout', Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' })],
    ['a domain error the gate does not expect', new DomainError('CONFLICT', 'Lost a race.')],
    ['something that is not an Error', 'boom'],
  ])('%s fails closed with a 503 deny that leaks nothing', async (_label, error) => {
    const { response, isUnexpected } = gateErrorResponse(error, REQUEST_ID);
    expect(isUnexpected).toBe(true);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toEqual(UNAVAILABLE);
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|Transaction API|race|boom/);
  });

  test.each([
    ['no token', new ApiError(401, 'UNAUTHENTICATED', 'Send an API token.'), 401],
    ['a token without the scope', new ApiError(403, 'FORBIDDEN', 'This token lacks the "gate:check" scope.'), 403],
    ['a malformed body', new ApiError(400, 'BAD_REQUEST', 'The request body does not fit the schema.', { changeId: ['Send the change id.'] }), 400],
  ])('%s keeps its refusal status', async (_label, error, status) => {
    const { response, isUnexpected } = gateErrorResponse(error, REQUEST_ID);
    expect(isUnexpected).toBe(false);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code: error.code } });
  });

  test('an unknown change is a 404 deny', async () => {
    const response = gateUnknownResponse({ control: 'CTRL-012.2', code: 'UNKNOWN_CHANGE', message: 'No such change request.' }, REQUEST_ID);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'UNKNOWN_CHANGE', message: 'No such change request.' }] });
  });

  test('a decision is answered with UTC ISO times', () => {
    const at = new Date('2026-11-06T16:00:00+01:00');
    const dto = gateDecisionDto({ id: 'id-1', decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'WEEKLY_WINDOW', message: 'Held.' }], policyVersion: 3, at, evaluatedAt: at, nextAllowedAt: new Date('2026-11-09T09:00:00Z'), isPreview: true });
    expect(dto).toEqual({ id: 'id-1', decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'WEEKLY_WINDOW', message: 'Held.' }], policyVersion: 3, at: '2026-11-06T15:00:00.000Z', evaluatedAt: '2026-11-06T15:00:00.000Z', nextAllowedAt: '2026-11-09T09:00:00.000Z', preview: true });
  });
});
