import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { keysFromText, runFlagsLint } from '@/lib/cli/flags-lint';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'flags-lint-'));
});

afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, text: string): Promise<string> {
  const full = path.join(dir, name);
  await writeFile(full, text, 'utf8');
  return full;
}

async function run(argv: string[], env: Record<string, string> = {}, fetchImpl?: Parameters<typeof runFlagsLint>[1]['fetch']) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runFlagsLint(argv, { env, out: (text) => out.push(text), err: (text) => err.push(text), fetch: fetchImpl });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('keysFromText', () => {
  test.each([
    { label: 'lines, with comments and blanks skipped', text: '# flags\npayments-a-release\n\n  platform-b-ops  \n', keys: [{ key: 'payments-a-release' }, { key: 'platform-b-ops' }] },
    { label: 'a JSON array of keys', text: '["payments-a-release"]', keys: [{ key: 'payments-a-release' }] },
    { label: 'a JSON array of { key, type }', text: '[{"key":"payments-a-release","type":"ops"}]', keys: [{ key: 'payments-a-release', type: 'ops' }] },
    { label: 'an Unleash export (its own types ignored)', text: '{"features":[{"name":"payments-a-release","type":"kill-switch"},{"name":"x","type":"release"}]}', keys: [{ key: 'payments-a-release', type: undefined }, { key: 'x', type: 'release' }] },
    { label: 'a LaunchDarkly export', text: '{"items":[{"key":"payments-a-release"}]}', keys: [{ key: 'payments-a-release', type: undefined }] },
  ])('$label', ({ text, keys }) => {
    expect(keysFromText(text)).toEqual(keys);
  });
});

describe('runFlagsLint', () => {
  test('exit 0 when every key passes against --teams', async () => {
    const result = await run([await file('ok.txt', 'payments-new-checkout-release\nplatform-db-kill-ops\n'), '--teams', 'payments,platform']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('2 passed, 0 failed');
  });

  test('exit 1 with each failing key and its CTRL-012.4 reasons', async () => {
    const result = await run([await file('bad.json', '[{"key":"payments-checkout-ops","type":"release"},"DarkMode","payments-fine-release"]'), '--teams', 'payments']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('✖ payments-checkout-ops');
    expect(result.err).toContain('CTRL-012.4 TYPE_MISMATCH');
    expect(result.err).toContain('✖ DarkMode');
    expect(result.err).not.toContain('✖ payments-fine-release');
    expect(result.err).toContain('1 passed, 2 failed');
  });

  test.each([
    { label: 'no file', argv: ['--teams', 'payments'] },
    { label: 'a missing file', argv: ['/nonexistent/flags.txt', '--teams', 'payments'] },
    { label: 'an unknown option', argv: ['x.txt', '--colour'] },
  ])('exit 2 for $label', async ({ argv }) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: npm run flags:lint');
  });

  test('exit 2 for invalid JSON and for no teams and no portal', async () => {
    expect((await run([await file('broken.json', '{"items": ['), '--teams', 'payments'])).code).toBe(2);
    const noTeams = await run([await file('keys.txt', 'payments-a-release')]);
    expect(noTeams.code).toBe(2);
    expect(noTeams.err).toContain('CHANGEBOARD_URL');
  });

  test('asks the portal when no --teams is given, sending the types', async () => {
    const calls: { url: string; body: unknown; auth: string | undefined }[] = [];
    const fakeFetch = async (url: string, init: { headers: Record<string, string>; body: string }) => {
      calls.push({ url, body: JSON.parse(init.body), auth: init.headers.authorization });
      return { ok: true, status: 200, json: async () => ({ results: [{ key: 'payments-a-release', passes: false, reasons: [{ control: 'CTRL-012.4', code: 'UNKNOWN_TEAM', message: 'Unknown team.' }] }], passed: 0, failed: 1 }) };
    };
    const result = await run([await file('portal.json', '[{"key":"payments-a-release","type":"release"}]')], { CHANGEBOARD_URL: 'https://changeboard.example', CHANGEBOARD_TOKEN: 'cb_secret' }, fakeFetch);
    expect(result.code).toBe(1);
    expect(calls).toEqual([{ url: 'https://changeboard.example/api/v1/flags/lint', body: { keys: ['payments-a-release'], types: { 'payments-a-release': 'release' } }, auth: 'Bearer cb_secret' }]);
    expect(result.err).toContain('Unknown team.');
  });

  test('exit 2 when the portal refuses the token', async () => {
    const fakeFetch = async () => ({ ok: false, status: 401, json: async () => ({ error: { code: 'UNAUTHENTICATED', message: 'This token is unknown, revoked or expired.' } }) });
    const result = await run([await file('k.txt', 'payments-a-release')], { CHANGEBOARD_URL: 'http://localhost:1', CHANGEBOARD_TOKEN: 'x' }, fakeFetch);
    expect(result.code).toBe(2);
    expect(result.err).toContain('401');
  });
});
