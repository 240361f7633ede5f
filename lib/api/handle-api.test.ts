import { beforeEach, describe, expect, test, vi } from 'vitest';
import { handleApi } from '@/lib/api/route';
import { isDatabaseReachable } from '@/lib/server/database-health';

// Whether the database answers is the one outside fact these mappings read; the probe itself is a
// single query, exercised against the real database by bench:faults and the health endpoint's e2e.
vi.mock('@/lib/server/database-health', () => ({ isDatabaseReachable: vi.fn() }));
const databaseAnswers = (answers: boolean) => vi.mocked(isDatabaseReachable).mockResolvedValue(answers);
beforeEach(() => databaseAnswers(true));

const request = new Request('http://localhost/api/v1/changes/x/approvals', { method: 'POST' });

describe('handleApi on failures that are not refusals', () => {
  test('a transaction that timed out (P2028) was rolled back: 503 UNAVAILABLE, retry after a second', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const response = await handleApi(request, async () => {
      throw Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' });
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('1');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAVAILABLE');
    warn.mockRestore();
  });

  test('a failure while the database cannot be reached is an outage: 503 UNAVAILABLE, retry after 5 s', async () => {
    databaseAnswers(false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const response = await handleApi(request, async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error).toEqual({ code: 'UNAVAILABLE', message: `Changeboard cannot reach its database. Retry in a moment (request id ${response.headers.get('x-request-id')}).` });
    warn.mockRestore();
  });

  test('anything else, with the database answering, is a bare 500 that names the request id', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await handleApi(request, async () => {
      throw Object.assign(new Error('boom'), { code: 'P2002' });
    });
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).toContain(response.headers.get('x-request-id'));
    error.mockRestore();
  });
});
