import { describe, expect, test, vi } from 'vitest';
import { handleApi } from '@/lib/api/route';

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

  test('anything else is a bare 500 that names the request id', async () => {
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
