// Runs a command with inherited output; rejects when it fails, so scripts stop at the first failure.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './local-database.ts';

export function bin(name: string): string {
  return path.join(PROJECT_ROOT, 'node_modules', '.bin', name);
}

export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}

/** The Prisma CLI, with the migration engine this project ships (see prisma/schema-engine.mjs). */
export function prisma(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return run(bin('prisma'), args, env);
}
