// Runs a TypeScript command against the development database: DATABASE_URL when set, otherwise the
// embedded server of `npm run dev` (started if needed). Used by `npm run token`.
import { spawn } from 'node:child_process';
import { devServer, ensureDatabase, PROJECT_ROOT } from './local-database.ts';
import { bin } from './run.ts';

async function main() {
  const [script, ...args] = process.argv.slice(2);
  if (!script) throw new Error('Usage: tsx scripts/with-dev-database.ts <script.ts> [args…]');
  const env = { ...process.env };
  env.DATABASE_URL ||= (await ensureDatabase(devServer(), 'changeboard')).url;
  const child = spawn(bin('tsx'), [script, ...args], { cwd: PROJECT_ROOT, env, stdio: 'inherit' });
  child.on('close', (code) => process.exit(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
