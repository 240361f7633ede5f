#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary. The Prisma CLI downloads that binary from
// Prisma's servers, which this project's machines (and air-gapped installs) cannot reach, and no
// npm package ships it. Point PRISMA_SCHEMA_ENGINE_BINARY at this file and the CLI spawns it
// instead: it speaks the native engine's protocol (JSON-RPC 2.0 on stdin/stdout, one message per
// line; JSON log lines on stderr) and runs the same engine compiled to WebAssembly
// (@prisma/schema-engine-wasm) over @prisma/adapter-pg. See STACK.md, "Prisma 7 migrations without
// the native schema engine". Only PostgreSQL is supported.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import readline from 'node:readline';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

const PROVIDER = 'postgres';

// The CLI reads `level`, `target` and `fields` of each stderr line; for the one-shot commands it
// looks for an ERROR from this target carrying `error_code`.
const LOG_TARGET = 'schema_engine::logger';

async function main() {
  // A Rust panic inside a wasm callback surfaces outside any request; exit like the native
  // engine does on a panic (code 101), which the CLI reports with the logged message.
  process.on('uncaughtException', (error) => {
    log('ERROR', panicMessage(error), { is_panic: true });
    process.exit(101);
  });
  const options = parseArguments(process.argv.slice(2));
  if (options.printVersion) {
    const { version } = await loadWasmEngine();
    process.stdout.write(`schema-engine-cli ${version()} (wasm)\n`);
    return;
  }
  if (options.cliCommand) {
    process.exitCode = await runCliCommand(options.cliCommand, options.datasource);
    return;
  }
  await serveRpc(options);
}

// ---------------------------------------------------------------------------------------------
// Command line

/**
 * The CLI passes `--datamodels <file>` once per schema file, `--datasource <json>` with `url` and
 * optionally `shadowDatabaseUrl`, and for one-shot work `cli <command>`. The native engine also
 * accepts several files after one `--datamodels`, so both spellings are read.
 */
function parseArguments(args) {
  const options = { datamodelPaths: [], datasource: {}, cliCommand: undefined, printVersion: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--datamodels') {
      while (i + 1 < args.length && !args[i + 1].startsWith('-')) options.datamodelPaths.push(args[++i]);
    } else if (arg === '--datasource') {
      options.datasource = JSON.parse(args[++i]);
    } else if (arg === '--enabled-preview-features' || arg === '--extension-types') {
      // The wasm engine takes no such options and no preview feature affects PostgreSQL migrations.
      i++;
    } else if (arg === '--version' || arg === '-V') {
      options.printVersion = true;
    } else if (arg === 'cli') {
      options.cliCommand = args[++i];
    } else {
      throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return options;
}

// ---------------------------------------------------------------------------------------------
// Logging: stderr carries only JSON lines, because the CLI parses every one of them.

function log(level, message, fields = {}) {
  const line = { timestamp: new Date().toISOString(), level, fields: { message, ...fields }, target: LOG_TARGET };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// One-shot commands (`cli …`): the CLI runs them before migrating, to create a missing database.
// They need no engine, only a connection, so they skip loading the WebAssembly module.

const CLI_COMMANDS = {
  'can-connect-to-database': canConnectToDatabase,
  'create-database': createDatabase,
  'drop-database': dropDatabase,
};

async function runCliCommand(command, datasource) {
  // The CLI ignores the first stderr line of a one-shot command, so it must not be the error.
  log('INFO', `Starting schema engine CLI command ${command}`);
  const run = CLI_COMMANDS[command];
  if (!run) {
    log('ERROR', `Unknown CLI command: ${command}`);
    return 1;
  }
  try {
    await run(requireUrl(datasource.url));
    return 0;
  } catch (error) {
    const { code, message } = describeDatabaseError(error, datasource.url);
    log('ERROR', message, code ? { error_code: code } : {});
    return 1;
  }
}

async function canConnectToDatabase(url) {
  await withAdapter(url, (adapter) => adapter.queryRaw({ sql: 'SELECT 1', args: [], argTypes: [] }));
}

async function createDatabase(url) {
  const database = databaseName(url);
  await withAdapter(maintenanceUrl(url), (adapter) => runScript(adapter, `CREATE DATABASE ${quoteIdent(database)}`));
  process.stdout.write(`Database '${database}' was successfully created.\n`);
}

async function dropDatabase(url) {
  const database = databaseName(url);
  await withAdapter(maintenanceUrl(url), (adapter) => runScript(adapter, `DROP DATABASE ${quoteIdent(database)}`));
  process.stdout.write(`Database '${database}' was successfully dropped.\n`);
}

async function withAdapter(url, work) {
  const adapter = await connectPostgres(url);
  try {
    return await work(adapter);
  } finally {
    await adapter.dispose();
  }
}

/**
 * The native engine's P1xxx codes and messages for adapter-pg's error kinds. The CLI relies on
 * the codes: on P1003 (database does not exist) it creates the database.
 */
const DATABASE_ERRORS = {
  DatabaseDoesNotExist: [
    'P1003',
    (at) => `Database \`${at.database}\` does not exist on the database server at \`${at.server}\`.`,
  ],
  DatabaseNotReachable: ['P1001', (at) => `Can't reach database server at \`${at.server}\``],
  AuthenticationFailed: [
    'P1000',
    (at) =>
      `Authentication failed against database server at \`${at.host}\`, ` +
      `the provided database credentials for \`${at.user}\` are not valid.`,
  ],
  DatabaseAccessDenied: [
    'P1010',
    (at) => `User \`${at.user}\` was denied access on the database \`${at.database}\``,
  ],
  DatabaseAlreadyExists: [
    'P1009',
    (at) => `Database \`${at.database}\` already exists on the database server at \`${at.server}\``,
  ],
};

function describeDatabaseError(error, url) {
  const cause = isDriverAdapterError(error) ? error.cause : undefined;
  const known = DATABASE_ERRORS[cause?.kind];
  if (!known) return { code: undefined, message: cause?.originalMessage ?? cause?.message ?? errorMessage(error) };
  const { hostname, port, username } = new URL(url);
  const [code, describe] = known;
  const at = { host: hostname, server: `${hostname}:${port || 5432}`, user: username, database: databaseName(url) };
  return { code, message: describe(at) };
}

// ---------------------------------------------------------------------------------------------
// JSON-RPC server

/** Methods forwarded to the wasm engine as they are; the native engine names some differently. */
const ENGINE_METHODS = new Set([
  'applyMigrations',
  'createMigration',
  'dbExecute',
  'debugPanic',
  'devDiagnostic',
  'diagnoseMigrationHistory',
  'ensureConnectionValidity',
  'evaluateDataLoss',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'reset',
  'schemaPush',
]);

async function serveRpc(options) {
  const datamodels = await readDatamodels(options.datamodelPaths);
  const connection = createConnectionFactory(options.datasource);
  let engine;
  const getEngine = () => (engine ??= startEngine(datamodels, connection));
  const peer = createPeer();

  // One request at a time: the CLI never overlaps them, and the wasm engine is not re-entrant.
  let queue = Promise.resolve();
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  input.on('line', (line) => {
    const message = parseMessage(line);
    if (!message) return;
    if (!message.method) {
      peer.settle(message);
      return;
    }
    queue = queue.then(() => answer(message, getEngine, peer));
  });
  // The CLI ends stdin when it is done with the engine.
  input.on('close', () => queue.then(() => process.exit(0)));
}

function parseMessage(line) {
  if (!line.trim()) return undefined;
  try {
    return JSON.parse(line);
  } catch {
    log('ERROR', `Could not parse JSON-RPC message: ${line.slice(0, 200)}`);
    return undefined;
  }
}

async function answer(request, getEngine, peer) {
  try {
    const result = await dispatch(request, await getEngine(), peer);
    send({ jsonrpc: '2.0', id: request.id, result: result === undefined ? null : result });
  } catch (error) {
    send({ jsonrpc: '2.0', id: request.id, error: rpcError(error) });
  }
}

async function dispatch({ method, params }, engine, peer) {
  if (method === 'getDatabaseVersion') return engine.version(params);
  if (method === 'diff') return diff(engine, params, peer);
  if (!ENGINE_METHODS.has(method)) throw new RpcMethodNotFound(method);
  if (SHADOW_CACHE_READERS.has(method)) return withWarmShadowCache(engine, method, params);
  return engine[method](params);
}

/**
 * In the wasm engine only devDiagnostic, diagnoseMigrationHistory and diff may open a shadow
 * database; evaluateDataLoss and createMigration read the migrations' schema from a cache that
 * diagnosing fills, for the migrations already applied. When `migrate dev` has just applied
 * pending migrations, that cache misses and the engine fails for want of a shadow database.
 * Diagnosing again fills the cache for the now-applied list, so the command can be retried.
 */
const SHADOW_CACHE_READERS = new Set(['evaluateDataLoss', 'createMigration']);

async function withWarmShadowCache(engine, method, params) {
  try {
    return await engine[method](params);
  } catch (error) {
    if (!errorMessage(error).includes('shadow DB must be provided through an external factory')) throw error;
    const { migrationsList, filters } = params;
    await engine.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
    return engine[method](params);
  }
}

/** The native engine prints the diff through a `print` request to the CLI and returns no stdout. */
async function diff(engine, params, peer) {
  const { stdout, ...result } = await engine.diff(params);
  if (stdout) await peer.request('print', { content: stdout.replace(/\n$/, '') });
  return { ...result, stdout: null };
}

/** Requests this process sends to the CLI (only `print`), and their acknowledgements. */
function createPeer() {
  const pending = new Map();
  let nextId = 1;
  return {
    request(method, params) {
      const id = nextId++;
      const acknowledged = new Promise((resolve) => pending.set(id, resolve));
      send({ jsonrpc: '2.0', id, method, params });
      return acknowledged;
    },
    settle(response) {
      pending.get(response.id)?.(response);
      pending.delete(response.id);
    },
  };
}

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

class RpcMethodNotFound extends Error {
  constructor(method) {
    super(`Method not found: ${method}`);
  }
}

/** Shapes errors as the native engine does, so the CLI shows Prisma error codes and panics properly. */
function rpcError(engineError) {
  const error = originalError(engineError);
  if (error instanceof RpcMethodNotFound) return { code: -32601, message: error.message };
  const data = { is_panic: false, message: errorMessage(error) };
  if (error instanceof WebAssembly.RuntimeError) {
    data.is_panic = true;
    data.message = panicMessage(error);
    data.backtrace = error.stack;
  } else if (/^P\d{4}$/.test(error?.code)) {
    data.error_code = error.code;
    data.meta = error.meta ?? {};
  }
  log('ERROR', data.message, data.error_code ? { error_code: data.error_code } : {});
  return { code: 4466, message: 'An error happened. Check the data field for details.', data };
}

async function readDatamodels(paths) {
  // The engine wants either no datamodels or a non-empty list of [path, content] pairs.
  if (paths.length === 0) return undefined;
  return Promise.all(paths.map(async (path) => [path, await readFile(path, 'utf8')]));
}

// ---------------------------------------------------------------------------------------------
// The WebAssembly engine

let lastPanicMessage;

function panicMessage(error) {
  return lastPanicMessage ?? errorMessage(error);
}

async function startEngine(datamodels, connection) {
  const { SchemaEngine } = await loadWasmEngine();
  // The engine's log lines are already JSON, one per call, usually with their newline.
  const forwardLog = (line) => process.stderr.write(line.endsWith('\n') ? line : `${line}\n`);
  return SchemaEngine.new({ datamodels }, forwardLog, connection);
}

/**
 * Instantiates the engine's WebAssembly module by hand: the package's entry point imports the
 * .wasm file as an ES module, which Node 20 cannot do without a flag.
 */
async function loadWasmEngine() {
  const bindings = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const wasmFile = new URL('schema_engine_bg.wasm', import.meta.resolve('@prisma/schema-engine-wasm'));
  // The bindings report a Rust panic's message here before the WebAssembly trap surfaces.
  globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanicMessage = message) };
  const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), {
    './schema_engine_bg.js': withUnrefTimers(bindings),
  });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

/**
 * The engine starts 10 s and 60 s timers (connection and pool timeouts) that it never clears;
 * left referenced, they keep Node alive for up to a minute after the work is done.
 */
function withUnrefTimers(bindings) {
  const imports = { ...bindings };
  for (const [name, binding] of Object.entries(bindings)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    imports[name] = (...args) => {
      const timer = binding(...args);
      timer.unref();
      return timer;
    };
  }
  return imports;
}

// ---------------------------------------------------------------------------------------------
// Connections: adapter-pg behind the interface the wasm engine calls (a migration-aware adapter
// factory whose methods resolve to Result objects instead of throwing).

function createConnectionFactory({ url, shadowDatabaseUrl }) {
  return {
    provider: PROVIDER,
    adapterName: '@prisma/adapter-pg',
    connect: settle(async () => bindAdapter(await connectPostgres(requireUrl(url)))),
    connectToShadowDb: settle(async () =>
      shadowDatabaseUrl ? openConfiguredShadow(url, shadowDatabaseUrl) : openTemporaryShadow(requireUrl(url)),
    ),
  };
}

function requireUrl(url) {
  if (!url) throw new Error('No datasource URL: set `datasource.url` in prisma.config.ts.');
  return url;
}

/**
 * A `?schema=` parameter names the schema to migrate. adapter-pg tells the engine its name, and
 * the search_path must point at it too, because the engine's migration SQL leaves the default
 * schema's objects unqualified.
 */
async function connectPostgres(url) {
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const options = schema ? `-c search_path=${quoteIdent(schema)}` : undefined;
  return new PrismaPg({ connectionString: url, Client: CatalogTypesClient, options }, { schema }).connect();
}

/**
 * Catalog queries return columns of type `"char"` (OID 18), such as `pg_constraint.contype`.
 * adapter-pg has no mapping for it and fails the whole query, while the engine reads those
 * columns as single characters. The client announces them as `text` (which is how their values
 * arrive anyway) so that pg and the adapter accept them, and marks their positions on the rows so
 * that `queryRaw` can report them as Character. (adapter-pg 7.10 maps `name`, OID 19, itself.)
 */
const CHAR_TYPE = 18;
const TEXT_TYPE = 25;
const CHARACTER_COLUMN = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils
const CHAR_COLUMNS = Symbol('indexes of "char" columns');

class CatalogTypesClient extends pg.Client {
  _handleRowDescription(message) {
    const charColumns = [];
    message.fields.forEach((field, index) => {
      if (field.dataTypeID !== CHAR_TYPE) return;
      field.dataTypeID = TEXT_TYPE;
      charColumns.push(index);
    });
    super._handleRowDescription(message);
    // adapter-pg hands pg's rows array on unchanged, so the mark travels with the result.
    if (charColumns.length > 0) this._getActiveQuery()._result.rows[CHAR_COLUMNS] = charColumns;
  }
}

async function queryWithCharacters(queryable, query) {
  const result = await queryable.queryRaw(query);
  for (const index of result.rows[CHAR_COLUMNS] ?? []) result.columnTypes[index] = CHARACTER_COLUMN;
  return result;
}

/**
 * adapter-pg's executeScript splits scripts on every `;`, which breaks PL/pgSQL bodies and string
 * literals. A query without parameters goes through Postgres' simple protocol, which runs a
 * multi-statement script whole, as the native engine does.
 */
async function runScript(adapter, script) {
  try {
    await adapter.underlyingDriver().query(script);
  } catch (error) {
    adapter.onError(error); // rethrows as adapter-pg's DriverAdapterError
  }
}

/**
 * adapter-pg's own shadow database would point its pool at the main database (the connection
 * string wins over the database name) and drops the database while that pool is still open, so
 * the temporary database is managed here.
 */
async function openTemporaryShadow(url) {
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  const admin = await connectPostgres(url);
  await runScript(admin, `CREATE DATABASE ${quoteIdent(name)}`);
  const shadow = await connectPostgres(withDatabase(url, name));
  // Postgres refuses to drop a database that still has connections: close the shadow pool first.
  return bindAdapter(shadow, async () => {
    await shadow.dispose();
    try {
      await runScript(admin, `DROP DATABASE ${quoteIdent(name)}`);
    } finally {
      await admin.dispose();
    }
  });
}

/**
 * A configured shadow database is the engine's to wipe before and after use, as the native
 * engine does, but the wasm engine replays migrations into it without emptying it first, so a
 * previous run's leftovers would collide with the replay. Refuse the main database, which would
 * lose its data.
 */
async function openConfiguredShadow(url, shadowUrl) {
  if (url && sameDatabase(url, shadowUrl)) {
    throw new Error('The shadow database URL points at the main database; give the shadow database its own.');
  }
  const shadow = await connectPostgres(shadowUrl);
  await runScript(shadow, await emptyDatabaseScript(shadow));
  return bindAdapter(shadow, async () => {
    try {
      await runScript(shadow, await emptyDatabaseScript(shadow));
    } finally {
      await shadow.dispose();
    }
  });
}

async function emptyDatabaseScript(adapter) {
  const { rows } = await adapter.queryRaw({
    sql: `SELECT nspname FROM pg_namespace
          WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'`,
    args: [],
    argTypes: [],
  });
  const drops = rows.map(([schema]) => `DROP SCHEMA ${quoteIdent(schema)} CASCADE;`);
  return [...drops, 'CREATE SCHEMA public;'].join('\n');
}

function bindAdapter(adapter, dispose = () => adapter.dispose()) {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: settle((query) => queryWithCharacters(adapter, query)),
    executeRaw: settle((query) => adapter.executeRaw(query)),
    executeScript: settle((script) => runScript(adapter, script)),
    startTransaction: settle(async (isolationLevel) => bindTransaction(await adapter.startTransaction(isolationLevel))),
    getConnectionInfo: settleSync(() => adapter.getConnectionInfo()),
    dispose: settle(dispose),
  };
}

function bindTransaction(transaction) {
  return {
    provider: transaction.provider,
    adapterName: transaction.adapterName,
    options: transaction.options,
    queryRaw: settle((query) => queryWithCharacters(transaction, query)),
    executeRaw: settle((query) => transaction.executeRaw(query)),
    commit: settle(() => transaction.commit()),
    rollback: settle(() => transaction.rollback()),
    createSavepoint: settle((name) => transaction.createSavepoint(name)),
    rollbackToSavepoint: settle((name) => transaction.rollbackToSavepoint(name)),
    releaseSavepoint: settle((name) => transaction.releaseSavepoint(name)),
  };
}

function settle(operation) {
  return async (...args) => {
    try {
      return { ok: true, value: await operation(...args) };
    } catch (error) {
      return { ok: false, error: driverError(error) };
    }
  };
}

function settleSync(operation) {
  return (...args) => {
    try {
      return { ok: true, value: operation(...args) };
    } catch (error) {
      return { ok: false, error: driverError(error) };
    }
  };
}

/** Errors that did not come from the database, by the id under which the engine reports them. */
const externalErrors = [];

/** adapter-pg's errors carry a cause the engine understands; it refers to any other error by id. */
function driverError(error) {
  if (isDriverAdapterError(error)) return error.cause;
  externalErrors.push(error);
  return { kind: 'GenericJs', id: externalErrors.length - 1 };
}

/** The engine reports a GenericJs error as "External error id#N"; show the error it stands for. */
function originalError(error) {
  const id = /External error id#(\d+)/.exec(errorMessage(error))?.[1];
  return (id !== undefined && externalErrors[Number(id)]) || error;
}

function isDriverAdapterError(error) {
  return error?.name === 'DriverAdapterError' && typeof error.cause === 'object';
}

// ---------------------------------------------------------------------------------------------
// URLs and identifiers

function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.href;
}

/** CREATE and DROP DATABASE run from the `postgres` maintenance database, as the native engine does. */
function maintenanceUrl(url) {
  return withDatabase(url, 'postgres');
}

function sameDatabase(a, b) {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && (x.port || '5432') === (y.port || '5432') && x.pathname === y.pathname;
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

// Last, so that every module-level constant and class above is initialised before it runs.
main().catch((error) => {
  log('ERROR', errorMessage(error));
  process.exit(1);
});
