// The gate command pipelines run (public/cli/changeboard-gate.mjs), driven as pipelines drive it: a
// separate `node` process, its exit code and its output, against a scripted HTTP server on loopback
// that answers as the portal can (decisions, refusals, failures, silence). The portal's real answers
// are covered by e2e/gate-cli.spec.ts.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runNodeScript } from '@/lib/testing/run-node-script';

const CLI = path.resolve(import.meta.dirname, '../../public/cli/changeboard-gate.mjs');
const CHANGE_ID = '0194f1a2-7c3e-7d1a-9b2c-3d4e5f6a7b8c';
const DECISION_ID = '0194f1a2-7c3e-7d1a-9b2c-000000000001';
const TOKEN = 'cb_test_secret';

type Reply = { status: number; body?: unknown; raw?: string } | 'hang' | 'drop';
type Received = { method: string; url: string; authorization: string | undefined; body: unknown };

let server: Server;
let baseUrl: string;
let received: Received[];
let replies: Reply[];

function answer(response: ServerResponse, reply: Reply) {
  if (reply === 'hang') return;
  if (reply === 'drop') {
    response.socket?.destroy();
    return;
  }
  response.writeHead(reply.status, { 'content-type': 'application/json', 'x-request-id': 'req-1' });
  response.end(reply.raw ?? JSON.stringify(reply.body));
}

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body: text ? JSON.parse(text) : undefined });
      answer(response, replies.shift() ?? { status: 500, body: { error: { code: 'INTERNAL', message: 'No reply scripted.' } } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received = [];
  replies = [];
});

/** Runs the command as a pipeline would; env defaults to the scripted server and a token. */
function gate(args: string[], env: Record<string, string | undefined> = {}) {
  return runNodeScript(CLI, args, { PATH: process.env.PATH, CHANGEBOARD_URL: baseUrl, CHANGEBOARD_TOKEN: TOKEN, ...env });
}

const CHECK = ['check', '--change', CHANGE_ID, '--env', 'production'];
const allow = { status: 200, body: { id: DECISION_ID, decision: 'allow', reasons: [], policyVersion: 4, at: '2026-12-01T10:00:00.000Z', evaluatedAt: '2026-12-01T10:00:00.000Z', nextAllowedAt: null, preview: false } };
const deny = {
  status: 200,
  body: {
    id: DECISION_ID, decision: 'deny', policyVersion: 4, at: '2026-12-04T16:00:00.000Z', evaluatedAt: '2026-12-04T16:00:00.000Z', nextAllowedAt: '2026-12-07T09:00:00.000Z', preview: false,
    reasons: [
      { control: 'CTRL-012.2', code: 'WEEKLY_WINDOW', message: 'Weekly freeze Friday 15:00 → Monday 09:00 (UTC) holds normal changes.' },
      { control: 'CTRL-012.1', code: 'APPROVALS_MISSING', message: 'Needs 2 approvals; has 1.' },
    ],
  },
};

describe('arguments', () => {
  test.each([
    { label: 'no command', args: [], message: 'Name a command: check.' },
    { label: 'an unknown command', args: ['deploy'], message: 'Unknown command "deploy".' },
    { label: 'no change', args: ['check', '--env', 'production'], message: '--change is required.' },
    { label: 'a change that is neither id nor reference', args: ['check', '--change', '42', '--env', 'production'], message: '--change must be a change id (a UUID) or a reference such as CHG-123' },
    { label: 'no environment', args: ['check', '--change', CHANGE_ID], message: '--env is required' },
    { label: 'an option without its value', args: ['check', '--change', '--env', 'production'], message: '--change needs a value.' },
    { label: 'an unknown option', args: [...CHECK, '--force'], message: 'Unknown option --force.' },
    { label: 'an option twice', args: [...CHECK, '--env', 'staging'], message: '--env is given twice.' },
    { label: 'a flag with a value', args: [...CHECK, '--use-override=yes'], message: '--use-override takes no value.' },
    { label: 'a preview instant without offset', args: [...CHECK, '--at', '2026-12-04T16:00:00'], message: '--at must be an ISO 8601 instant with an offset' },
    { label: 'a preview instant that is no date', args: [...CHECK, '--at', '2026-13-45T16:00:00Z'], message: '--at must be an ISO 8601 instant with an offset' },
    { label: 'a timeout of zero', args: [...CHECK, '--timeout', '0'], message: '--timeout must be a number of seconds' },
  ])('$label: exit 2 with the reason and the usage, nothing sent', async ({ args, message }) => {
    const result = await gate(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: changeboard-gate check');
    expect(received).toEqual([]);
  });

  test.each([
    { label: 'no token', env: { CHANGEBOARD_TOKEN: undefined }, message: 'Set CHANGEBOARD_TOKEN' },
    { label: 'no portal URL', env: { CHANGEBOARD_URL: undefined }, message: 'Set CHANGEBOARD_URL' },
    { label: 'a portal URL that is not http', env: { CHANGEBOARD_URL: 'ftp://changeboard.example' }, message: 'must be http(s)' },
  ])('$label: exit 2', async ({ env, message }) => {
    const result = await gate(CHECK, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });

  test('--help prints the usage and exits 0', async () => {
    const result = await gate(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Exit codes: 0 allow, 1 deny, 2 cannot decide.');
  });
});

describe('answers and exit codes', () => {
  test('allow: exit 0, the request carries the token and every option, the decision id is printed', async () => {
    replies = [allow];
    const result = await gate([...CHECK, '--use-override', `--at=2026-12-01T11:00:00+01:00`], { CHANGEBOARD_URL: `${baseUrl}/` });
    expect(result.code).toBe(0);
    expect(received).toEqual([{ method: 'POST', url: '/api/v1/gate/check', authorization: `Bearer ${TOKEN}`, body: { changeId: CHANGE_ID, environment: 'production', useOverride: true, at: '2026-12-01T11:00:00+01:00' } }]);
    expect(result.stdout).toContain('Changeboard gate: ALLOW for change');
    expect(result.stdout).toContain(`Decision id: ${DECISION_ID} (send it as gateDecisionId to POST /api/v1/deployments)`);
  });

  test('deny: exit 1 with every reason and its control, and the next allowed time', async () => {
    replies = [deny];
    const result = await gate(CHECK);
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')).toEqual(expect.arrayContaining([
      '  - CTRL-012.2 WEEKLY_WINDOW: Weekly freeze Friday 15:00 → Monday 09:00 (UTC) holds normal changes.',
      '  - CTRL-012.1 APPROVALS_MISSING: Needs 2 approvals; has 1.',
      'Next allowed: 2026-12-07T09:00:00.000Z',
    ]));
  });

  test('an unknown change is a deny (404 with a deny body): exit 1', async () => {
    replies = [{ status: 404, body: { decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'UNKNOWN_CHANGE', message: 'No such change request.' }] } }];
    const result = await gate(CHECK);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('UNKNOWN_CHANGE: No such change request.');
  });

  test('--json: stdout is the answer with the change id, the summary goes to stderr', async () => {
    replies = [deny];
    const result = await gate([...CHECK, '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({ ...deny.body, changeId: CHANGE_ID });
    expect(result.stderr).toContain('Changeboard gate: DENY');
  });

  const unavailable = { status: 503, body: { decision: 'deny', reasons: [{ control: 'CTRL-012.2', code: 'GATE_UNAVAILABLE', message: 'The gate could not decide, so it denies.' }] } };
  test.each([
    { label: 'a 503 twice: retried once, then cannot decide', replies: [unavailable, unavailable], code: 2, requests: 2 },
    { label: 'a 503 then an allow: the retry decides', replies: [unavailable, allow], code: 0, requests: 2 },
    { label: 'a dropped connection then a deny: the retry decides', replies: ['drop', deny] as Reply[], code: 1, requests: 2 },
    { label: 'a 500 is not retried', replies: [{ status: 500, body: { error: { code: 'INTERNAL', message: 'Something went wrong.' } } }], code: 2, requests: 1 },
    { label: 'a 401 is not retried', replies: [{ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'This token is unknown, revoked or expired.' } } }], code: 2, requests: 1 },
    { label: 'a 403 cannot decide', replies: [{ status: 403, body: { error: { code: 'FORBIDDEN', message: 'This token lacks the "gate:check" scope.' } } }], code: 2, requests: 1 },
    { label: 'a 400 cannot decide', replies: [{ status: 400, body: { error: { code: 'BAD_REQUEST', message: 'The request body does not fit the schema.' } } }], code: 2, requests: 1 },
    { label: 'a 200 that is not JSON', replies: [{ status: 200, raw: '<html>proxy login</html>' }], code: 2, requests: 1 },
    { label: 'a 200 without a decision', replies: [{ status: 200, body: { decision: 'maybe', reasons: [] } }], code: 2, requests: 1 },
    { label: 'a 200 with malformed reasons', replies: [{ status: 200, body: { decision: 'allow', reasons: [{ code: 1 }] } }], code: 2, requests: 1 },
  ])('$label', async ({ replies: scripted, code, requests }) => {
    replies = [...scripted];
    const result = await gate(CHECK);
    expect(result.code).toBe(code);
    expect(received).toHaveLength(requests);
    if (code === 2) expect(result.stderr).toContain('Changeboard gate: CANNOT DECIDE');
  });

  test('the refusal message is shown', async () => {
    replies = [{ status: 403, body: { error: { code: 'FORBIDDEN', message: 'This token lacks the "gate:check" scope.' } } }];
    const result = await gate(CHECK);
    expect(result.stderr).toContain('HTTP 403: FORBIDDEN: This token lacks the "gate:check" scope. (request req-1)');
  });

  test('a silent portal times out: cannot decide, not retried', async () => {
    replies = ['hang'];
    const started = performance.now();
    const result = await gate([...CHECK, '--timeout', '0.5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('timed out');
    expect(received).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test('nothing listening: retried once, then cannot decide', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await gate(CHECK, { CHANGEBOARD_URL: `http://127.0.0.1:${port}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('retrying once');
    expect(result.stderr).toContain('network error');
  });
});

describe('change references', () => {
  const list = (items: { id: string; reference: string }[], nextCursor: string | null = null) => ({ status: 200, body: { items, nextCursor } });

  test('CHG-123 is looked up (a text mentioning it is skipped), then checked by id', async () => {
    replies = [list([{ id: '0194f1a2-7c3e-7d1a-9b2c-999999999999', reference: 'CHG-77' }], 'cursor-2'), list([{ id: CHANGE_ID, reference: 'CHG-123' }]), allow];
    const result = await gate(['check', '--change', 'chg-123', '--env', 'production']);
    expect(result.code).toBe(0);
    expect(received.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET /api/v1/changes?q=CHG-123&limit=100',
      'GET /api/v1/changes?q=CHG-123&limit=100&cursor=cursor-2',
      'POST /api/v1/gate/check',
    ]);
    expect(received[2]!.body).toEqual({ changeId: CHANGE_ID, environment: 'production' });
  });

  test('a token without changes:read cannot look one up: exit 2 with a hint', async () => {
    replies = [{ status: 403, body: { error: { code: 'FORBIDDEN', message: 'This token lacks the "changes:read" scope.' } } }];
    const result = await gate(['check', '--change', 'CHG-123', '--env', 'production']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Give the token the changes:read scope, or pass the change id.');
  });

  test('a reference nobody can see: exit 2', async () => {
    replies = [list([])];
    const result = await gate(['check', '--change', 'CHG-123', '--env', 'production']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No change CHG-123 visible to this token.');
  });
});

test('the command type-checks as JavaScript (// @ts-check, strict, Node types)', () => {
  const program = ts.createProgram([CLI], {
    allowJs: true, checkJs: true, noEmit: true, strict: true, skipLibCheck: true,
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts'], types: ['node'],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  expect(diagnostics).toEqual([]);
}, 30_000);
