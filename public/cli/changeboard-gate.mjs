#!/usr/bin/env node
// @ts-check
// Changeboard deploy gate for pipelines (POL-012 CTRL-012.2). One file, no dependencies, plain Node 18+,
// so a pipeline in any repository can fetch it from the portal and run it:
//
//   curl -fsSLo changeboard-gate.mjs "$CHANGEBOARD_URL/cli/changeboard-gate.mjs"
//   node changeboard-gate.mjs check --change <change id or CHG-123> --env production
//
// Environment: CHANGEBOARD_URL (the portal), CHANGEBOARD_TOKEN (an API token with gate:check; also
// changes:read to name the change as CHG-123). The token is never taken from the command line, where
// process lists and CI logs would show it.
//
// Exit codes: 0 allow, 1 deny, 2 cannot decide (bad arguments, network error, timeout, 5xx, 401/403,
// an answer that is not a decision). Only 0 lets a deploy go on.

const EXIT_ALLOW = 0;
const EXIT_DENY = 1;
const EXIT_CANNOT_DECIDE = 2;

/** Seconds one attempt may take before the gate gives up (it then cannot decide). */
const DEFAULT_TIMEOUT_SECONDS = 10;
/** Pause before the one retry, so a restarting portal or a brief network fault can recover. */
const RETRY_DELAY_MS = 1000;
/** Pages of search results read when resolving a CHG number (100 changes each). */
const MAX_LOOKUP_PAGES = 5;

const USAGE = `Usage: changeboard-gate check --change <change id | CHG-123> --env <environment>
                         [--use-override] [--at <ISO 8601 instant>] [--json] [--timeout <seconds>] [--url <portal URL>]

  --change        the change request: its id (a UUID) or its reference CHG-<number>
  --env           the environment slug deployed to, e.g. production
  --use-override  ask to use the change's freeze override, if one is in force
  --at            preview the answer at another instant (with an offset, e.g. 2026-12-04T16:00:00Z);
                  a preview authorizes no deploy
  --json          print the gate's answer as JSON on stdout (the summary goes to stderr)
  --timeout       seconds per attempt (default ${DEFAULT_TIMEOUT_SECONDS})
  --url           the portal's URL (default: CHANGEBOARD_URL)

Environment: CHANGEBOARD_URL, CHANGEBOARD_TOKEN (API token with gate:check; changes:read for CHG numbers).
Exit codes: 0 allow, 1 deny, 2 cannot decide. Retries once on a network error or a 503.`;

/**
 * @typedef {{ changeRef: { id: string } | { number: number }, environment: string, useOverride: boolean,
 *   at: string | undefined, json: boolean, timeoutMs: number, url: string, token: string }} CheckOptions
 * @typedef {{ control: string, code: string, message: string }} Reason
 * @typedef {{ id?: string, decision: 'allow' | 'deny', reasons: Reason[], policyVersion?: number, at?: string,
 *   evaluatedAt?: string, nextAllowedAt?: string | null, preview?: boolean }} GateAnswer
 * @typedef {{ kind: 'answer', status: number, body: unknown, requestId: string | null }
 *   | { kind: 'network', message: string } | { kind: 'timeout' }} Attempt
 */

/** A problem with how the command was called: exit 2 with the usage. */
class UsageError extends Error {}

/** Anything that keeps the gate from deciding: exit 2. */
class CannotDecide extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANGE_REFERENCE = /^CHG-([1-9]\d{0,9})$/i;
// ISO 8601 date and time with seconds optional and an explicit offset: a preview instant must not
// depend on the runner's zone. The server checks the calendar (2026-02-30 is refused there).
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

const OPTIONS = /** @type {const} */ ({
  change: 'string', env: 'string', at: 'string', timeout: 'string', url: 'string',
  'use-override': 'boolean', json: 'boolean', help: 'boolean',
});

/**
 * Reads `check …` arguments (`--name value` or `--name=value`) and the environment.
 * @param {readonly string[]} argv the arguments after the script name
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {CheckOptions | 'help'}
 */
function parseArguments(argv, env) {
  /** @type {Record<string, string | boolean>} */
  const values = {};
  const positionals = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = /** @type {string} */ (argv[index]);
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const [name = '', inline] = argument.slice(2).split(/=(.*)/s, 2);
    const kind = Object.hasOwn(OPTIONS, name) ? OPTIONS[/** @type {keyof typeof OPTIONS} */ (name)] : undefined;
    if (!kind) throw new UsageError(`Unknown option --${name}.`);
    if (Object.hasOwn(values, name)) throw new UsageError(`--${name} is given twice.`);
    if (kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value.`);
      values[name] = true;
    } else {
      const value = inline ?? argv[++index];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
      values[name] = value;
    }
  }
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('Name a command: check.');
  if (positionals[0] !== 'check') throw new UsageError(`Unknown command "${positionals[0]}".`);
  if (positionals.length > 1) throw new UsageError(`Unexpected argument "${positionals[1]}".`);

  const text = (/** @type {string} */ name) => (typeof values[name] === 'string' ? /** @type {string} */ (values[name]).trim() : '');
  const change = text('change');
  if (!change) throw new UsageError('--change is required.');
  const reference = CHANGE_REFERENCE.exec(change);
  if (!UUID.test(change) && !reference) throw new UsageError(`--change must be a change id (a UUID) or a reference such as CHG-123, not "${change}".`);
  const environment = text('env');
  if (!environment) throw new UsageError('--env is required (the environment slug, e.g. production).');
  const at = text('at') || undefined;
  if (at !== undefined && (!INSTANT.test(at) || Number.isNaN(Date.parse(at)))) throw new UsageError(`--at must be an ISO 8601 instant with an offset, e.g. 2026-12-04T16:00:00Z, not "${at}".`);
  const timeoutText = text('timeout');
  const timeoutSeconds = timeoutText === '' ? DEFAULT_TIMEOUT_SECONDS : Number(timeoutText);
  if (!(timeoutSeconds > 0 && timeoutSeconds <= 300)) throw new UsageError('--timeout must be a number of seconds, more than 0 and at most 300.');

  const url = text('url') || (env.CHANGEBOARD_URL ?? '').trim();
  if (!url) throw new UsageError('Set CHANGEBOARD_URL (or pass --url) to the portal, e.g. https://changeboard.example.com.');
  let base;
  try {
    base = new URL(url);
  } catch {
    throw new UsageError(`"${url}" is not a URL.`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new UsageError(`The portal URL must be http(s), not "${url}".`);
  const token = (env.CHANGEBOARD_TOKEN ?? '').trim();
  if (!token) throw new UsageError('Set CHANGEBOARD_TOKEN to an API token with the gate:check scope.');

  return {
    changeRef: reference ? { number: Number(reference[1]) } : { id: change.toLowerCase() },
    environment,
    useOverride: values['use-override'] === true,
    at,
    json: values.json === true,
    timeoutMs: Math.round(timeoutSeconds * 1000),
    // A base path (a portal under /changeboard) is kept: endpoints are joined to it.
    url: base.href.endsWith('/') ? base.href : `${base.href}/`,
    token,
  };
}

/**
 * Whether the gate's answer is a decision; anything else is unparseable.
 * @param {unknown} body
 * @returns {body is GateAnswer}
 */
function isGateAnswer(body) {
  if (typeof body !== 'object' || body === null) return false;
  const answer = /** @type {Record<string, unknown>} */ (body);
  return (answer.decision === 'allow' || answer.decision === 'deny')
    && Array.isArray(answer.reasons)
    && answer.reasons.every((reason) => typeof reason === 'object' && reason !== null && typeof reason.control === 'string' && typeof reason.code === 'string' && typeof reason.message === 'string');
}

/**
 * The exit code for the gate's HTTP answer. 200 carries the decision. 404 carries a deny (an unknown
 * change or environment never deploys): a decision too. Everything else cannot decide: the gate
 * fails closed with 503, 401/403 are credentials, 400 is a request this command got wrong.
 * @param {number} status
 * @param {unknown} body
 * @returns {0 | 1 | 2}
 */
function exitCodeFor(status, body) {
  if (!isGateAnswer(body)) return EXIT_CANNOT_DECIDE;
  if (status === 200) return body.decision === 'allow' ? EXIT_ALLOW : EXIT_DENY;
  if (status === 404 && body.decision === 'deny') return EXIT_DENY;
  return EXIT_CANNOT_DECIDE;
}

/**
 * The error message of a refusal body (`{ error: { code, message } }`), if it has one.
 * @param {unknown} body
 */
function refusalMessage(body) {
  const error = typeof body === 'object' && body !== null ? /** @type {{ error?: { code?: unknown, message?: unknown } }} */ (body).error : undefined;
  return error && typeof error.message === 'string' ? `${typeof error.code === 'string' ? `${error.code}: ` : ''}${error.message}` : null;
}

/**
 * One HTTP request with a deadline.
 * @param {string} url
 * @param {RequestInit} init
 * @param {number} timeoutMs
 * @returns {Promise<Attempt>}
 */
async function attempt(url, init, timeoutMs) {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    // The body is read under the same deadline: a server that stalls mid-answer times out too.
    const text = await response.text();
    let body;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { kind: 'answer', status: response.status, body, requestId: response.headers.get('x-request-id') };
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
    return { kind: 'network', message: [error instanceof Error ? error.message : String(error), cause].filter(Boolean).join(': ') };
  }
}

/**
 * A request retried once on a network error or a 503 (the portal failing closed, or restarting).
 * A timeout is not retried: the first request may still be running, and the budget is spent.
 * @param {string} url
 * @param {RequestInit} init
 * @param {number} timeoutMs
 * @param {(line: string) => void} log
 * @returns {Promise<Attempt>}
 */
async function requestWithRetry(url, init, timeoutMs, log) {
  const first = await attempt(url, init, timeoutMs);
  const isRetryable = first.kind === 'network' || (first.kind === 'answer' && first.status === 503);
  if (!isRetryable) return first;
  log(`Changeboard did not answer (${describeAttempt(first)}); retrying once in ${RETRY_DELAY_MS / 1000} s.`);
  await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
  return attempt(url, init, timeoutMs);
}

/** @param {Attempt} result */
function describeAttempt(result) {
  if (result.kind === 'timeout') return 'timed out';
  if (result.kind === 'network') return `network error: ${result.message}`;
  const message = refusalMessage(result.body) ?? (isGateAnswer(result.body) ? result.body.reasons.map((reason) => reason.message).join(' ') : '');
  return `HTTP ${result.status}${message ? `: ${message}` : ''}${result.requestId ? ` (request ${result.requestId})` : ''}`;
}

/**
 * The change's id, resolving a CHG number through the change list's search (needs changes:read).
 * @param {CheckOptions} options
 * @param {(line: string) => void} log
 * @returns {Promise<string>}
 */
async function resolveChangeId(options, log) {
  if ('id' in options.changeRef) return options.changeRef.id;
  const reference = `CHG-${options.changeRef.number}`;
  /** @type {string | null} */
  let cursor = null;
  // The search matches the number and also texts that mention it: read pages until the change shows.
  for (let page = 0; page < MAX_LOOKUP_PAGES; page++) {
    const query = new URLSearchParams({ q: reference, limit: '100', ...(cursor ? { cursor } : {}) });
    const result = await requestWithRetry(new URL(`api/v1/changes?${query}`, options.url).href, { headers: { authorization: `Bearer ${options.token}`, accept: 'application/json' } }, options.timeoutMs, log);
    if (result.kind !== 'answer' || result.status !== 200) {
      const hint = result.kind === 'answer' && result.status === 403 ? ' Give the token the changes:read scope, or pass the change id.' : '';
      throw new CannotDecide(`Could not look up ${reference}: ${describeAttempt(result)}.${hint}`);
    }
    const body = /** @type {{ items?: { id?: unknown, reference?: unknown }[], nextCursor?: unknown }} */ (result.body ?? {});
    const found = (body.items ?? []).find((item) => item.reference === reference && typeof item.id === 'string');
    if (found) return /** @type {string} */ (found.id);
    if (typeof body.nextCursor !== 'string') break;
    cursor = body.nextCursor;
  }
  throw new CannotDecide(`No change ${reference} visible to this token.`);
}

/**
 * The summary a person reads in the job log.
 * @param {GateAnswer} answer
 * @param {{ changeId: string, environment: string, requestId: string | null }} context
 * @returns {string[]}
 */
function formatAnswer(answer, { changeId, environment, requestId }) {
  const lines = [`Changeboard gate: ${answer.decision.toUpperCase()}${answer.preview ? ' (preview: authorizes no deploy)' : ''} for change ${changeId} to ${environment}${answer.policyVersion ? `, policy settings version ${answer.policyVersion}` : ''}${answer.at ? `, at ${answer.at}` : ''}.`];
  for (const reason of answer.reasons) lines.push(`  - ${reason.control} ${reason.code}: ${reason.message}`);
  if (answer.nextAllowedAt) lines.push(`Next allowed: ${answer.nextAllowedAt}`);
  if (answer.id) lines.push(`Decision id: ${answer.id}${answer.preview ? '' : ' (send it as gateDecisionId to POST /api/v1/deployments)'}`);
  else if (requestId) lines.push(`Request id: ${requestId}`);
  return lines;
}

/**
 * Runs `check`: asks the gate and reports. Returns the exit code; never throws for expected failures.
 * @param {readonly string[]} argv
 * @param {{ env: Readonly<Record<string, string | undefined>>, out: (line: string) => void, err: (line: string) => void }} io
 * @returns {Promise<0 | 1 | 2>}
 */
async function main(argv, { env, out, err }) {
  let options;
  try {
    const parsed = parseArguments(argv, env);
    if (parsed === 'help') {
      out(USAGE);
      return EXIT_ALLOW;
    }
    options = parsed;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`${error.message}\n\n${USAGE}`);
    return EXIT_CANNOT_DECIDE;
  }
  // With --json, stdout carries only the JSON; people read the summary on stderr.
  const say = options.json ? err : out;
  try {
    const changeId = await resolveChangeId(options, err);
    const body = { changeId, environment: options.environment, ...(options.useOverride ? { useOverride: true } : {}), ...(options.at ? { at: options.at } : {}) };
    const result = await requestWithRetry(new URL('api/v1/gate/check', options.url).href, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
    }, options.timeoutMs, err);
    if (result.kind !== 'answer') throw new CannotDecide(describeAttempt(result));
    const code = exitCodeFor(result.status, result.body);
    if (code === EXIT_CANNOT_DECIDE) throw new CannotDecide(describeAttempt(result));
    const answer = /** @type {GateAnswer} */ (result.body);
    for (const line of formatAnswer(answer, { changeId, environment: options.environment, requestId: result.requestId })) say(line);
    if (options.json) out(JSON.stringify({ ...answer, changeId }));
    return code;
  } catch (error) {
    if (!(error instanceof CannotDecide)) throw error;
    err(`Changeboard gate: CANNOT DECIDE: ${error.message}`);
    err('Do not deploy: the gate gave no allow.');
    return EXIT_CANNOT_DECIDE;
  }
}

// eslint-disable-next-line no-restricted-properties -- a standalone command, outside the app and its lib/env.ts
main(process.argv.slice(2), { env: process.env, out: (line) => console.log(line), err: (line) => console.error(line) }).then(
  (code) => { process.exitCode = code; },
  (error) => {
    // A bug here must not look like an allow: it cannot decide.
    console.error(`Changeboard gate: CANNOT DECIDE: unexpected error: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    process.exitCode = EXIT_CANNOT_DECIDE;
  },
);
