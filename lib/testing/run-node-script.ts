import { spawn } from 'node:child_process';

export type ScriptRun = { code: number | null; stdout: string; stderr: string };

/**
 * Runs `node file ...args` as a pipeline would and collects its exit code and output. The child gets
 * `env` and NODE_ENV=production only: nothing of the test runner's environment leaks in. A variable
 * set to undefined is left out.
 */
export function runNodeScript(file: string, args: readonly string[], env: Readonly<Record<string, string | undefined>>): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], { env: { NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
