// What the benchmarks that time the app over HTTP share: a production build of their own (reused
// while no source file is newer), `next start` in its own process group, and waiting for it to answer.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../scripts/local-database.ts';
import { bin, run } from '../scripts/run.ts';

export type BuildMode = 'auto' | 'always' | 'never';

/** The newest modification time among the files a build reads (tests and generated folders aside). */
function newestSourceTime(): number {
  let newest = 0;
  const visit = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (!/\.(test|db\.test|spec)\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const folder of ['app', 'components', 'lib', 'public']) visit(path.join(PROJECT_ROOT, folder));
  for (const file of ['next.config.js', 'package.json', 'instrumentation.ts', 'prisma/schema.prisma']) newest = Math.max(newest, statSync(path.join(PROJECT_ROOT, file)).mtimeMs);
  return newest;
}

/** Builds into `distDir` unless a build there is newer than every source (`auto`), or as `mode` says. */
export async function ensureBuild(env: NodeJS.ProcessEnv, distDir: string, mode: string) {
  if (!['auto', 'always', 'never'].includes(mode)) throw new Error('BENCH_BUILD must be auto, always or never.');
  const buildId = path.join(PROJECT_ROOT, distDir, 'BUILD_ID');
  const isBuilt = existsSync(buildId);
  if (mode === 'never' && !isBuilt) throw new Error(`BENCH_BUILD=never, but ${distDir} holds no build.`);
  if (mode === 'never' || (mode === 'auto' && isBuilt && statSync(buildId).mtimeMs > newestSourceTime())) {
    console.log(`Reusing the production build in ${distDir} (built ${statSync(buildId).mtime.toISOString()}).`);
    return;
  }
  console.log(`Building into ${distDir}…`);
  // `next build` adds its build folder's type globs to tsconfig.json; the bench's folder is its own
  // business, so the file is put back as it was.
  const tsconfig = path.join(PROJECT_ROOT, 'tsconfig.json');
  const before = readFileSync(tsconfig, 'utf8');
  try {
    await run(bin('next'), ['build'], { ...env, CHANGEBOARD_NEXT_DIST_DIR: distDir });
  } finally {
    if (readFileSync(tsconfig, 'utf8') !== before) writeFileSync(tsconfig, before);
  }
}

/** `next start` in its own process group, so that stopping it stops its children too (STACK.md); output to `logFile`. */
export function startServer(env: NodeJS.ProcessEnv, port: number, logFile: string): ChildProcess {
  const log = openSync(logFile, 'w');
  return spawn(bin('next'), ['start', '--hostname', '127.0.0.1', '--port', String(port)], { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', log, log] });
}

export function stopServer(server: ChildProcess) {
  if (server.pid && server.exitCode === null) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Waits until the app answers an unauthenticated API call (401), for at most a minute. */
export async function waitForServer(server: ChildProcess, baseUrl: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}.`);
    const status = await fetch(`${baseUrl}/api/v1/me`).then((response) => response.status, () => 0);
    if (status === 401) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not answer on ${baseUrl} within 60 s.`);
}
