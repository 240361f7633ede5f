// `npm run token -- create --email <email> [--name <label>] [--days <n>]`
//   prints a new personal token of that user (it acts as them).
// `npm run token -- create --service --email <admin email> --scopes gate:check,deployments:write --name <label>`
//   prints a new service token for a pipeline, minted by that admin.
// `npm run token -- revoke --id <token id> --email <owner or admin email>`
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { createApiToken } from '@/lib/server/api-tokens/create-api-token';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';
import { API_SCOPE_NAMES, isApiScope, type ApiScope } from '@/lib/policy/api-scopes';
import { ZTokenLifetimeDays, ZTokenName } from '@/lib/schemas/api-token';

const USAGE = `Usage:
  npm run token -- create --email <email> [--name <label>] [--days <n>]
  npm run token -- create --service --email <admin email> --scopes <scope,scope> --name <label> [--days <n>]
  npm run token -- revoke --id <token id> --email <owner or admin email>
Scopes: ${API_SCOPE_NAMES.join(', ')}`;

class UsageError extends Error {}

async function actorByEmail(email: string | undefined) {
  if (!email) throw new UsageError('--email is required.');
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, role: true, isStaffPlus: true, isActive: true, teamId: true } });
  if (!user) throw new UsageError(`No user with email ${email}.`);
  return user;
}

function parseScopes(value: string | undefined): ApiScope[] {
  const scopes = (value ?? '').split(',').map((scope) => scope.trim()).filter(Boolean);
  const unknown = scopes.filter((scope) => !isApiScope(scope));
  if (scopes.length === 0 || unknown.length > 0) throw new UsageError(`--scopes needs known scopes${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}.`);
  return scopes as ApiScope[];
}

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' }, service: { type: 'boolean' }, scopes: { type: 'string' }, id: { type: 'string' } },
  });
  const at = new Date();
  const command = positionals[0];
  if (command === 'create') {
    const actor = await actorByEmail(values.email);
    const name = ZTokenName.safeParse(values.name ?? (values.service ? undefined : 'Command-line token'));
    if (!name.success) throw new UsageError('--name is required for service tokens (1–100 characters).');
    const days = ZTokenLifetimeDays.safeParse(values.days);
    if (!days.success) throw new UsageError('--days must be a whole number of days from 1 to 366.');
    const created = values.service
      ? await createApiToken({ actor, at, name: name.data, lifetimeDays: days.data, kind: 'service', scopes: parseScopes(values.scopes) })
      : await createApiToken({ actor, at, name: name.data, lifetimeDays: days.data, kind: 'personal' });
    console.log(created.secret);
    console.error(`Token ${created.id} created${created.expiresAt ? `, expires ${created.expiresAt.toISOString()}` : ''}. It is shown only once.`);
  } else if (command === 'revoke') {
    const tokenId = z.uuid().safeParse(values.id);
    if (!tokenId.success) throw new UsageError('--id must be a token id (a UUID).');
    await revokeApiToken({ actor: await actorByEmail(values.email), at, tokenId: tokenId.data });
    console.error(`Token ${tokenId.data} revoked.`);
  } else {
    throw new UsageError(command ? `Unknown command "${command}".` : 'Name a command.');
  }
}

try {
  await main(process.argv.slice(2));
  process.exitCode = 0;
} catch (error) {
  if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
  else if (error instanceof DomainError) console.error(error.message);
  else console.error(error);
  process.exitCode = error instanceof UsageError ? 2 : 1;
} finally {
  await db.$disconnect();
}
