// The flag import endpoint (CTRL-012.4, CTRL-012.5) of the OpenAPI document.
import { FLAG_IMPORT_FORMATS, FLAG_IMPORT_MAX_ROWS } from '@/lib/flags/flag-import';
import { ZFlagImportRequest } from '@/lib/schemas/flag-import';
import { errorResponse, jsonResponse, requestSchema } from '@/lib/api/openapi-parts';

const query = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: 'query', required: false, description, schema });

export const FLAG_IMPORT_PATHS = {
  '/flags/import': {
    post: {
      summary: 'Import feature flags from a file (dry run or real)',
      description: `Reads a Changeboard JSON array or CSV (header \`key,team,type,owner,purpose,feature,rollout_percent,created_at\`), an Unleash export (\`{ "features": [...] }\`, rollout from the production environment) or a LaunchDarkly export (\`{ "items": [...] }\`, rollout from production's fallthrough), up to 10 MB and ${FLAG_IMPORT_MAX_ROWS.toLocaleString('en')} flags. \`dryRun: true\` only reports what would change. A real run plans again, writes each good row in its own transaction (rollout history, configuration-change record and audit row included) and reports every bad row with all its reasons: a bad row never stops the good ones, and never half-writes. Importing the same file again is all \`unchanged\` and writes nothing. Send JSON, or the CSV itself as \`text/csv\` with the options as query parameters. Personal tokens only: the owner imports flags of their own team (engineers and managers).`,
      operationId: 'importFlags',
      'x-required-scope': 'flags:write',
      parameters: [
        { $ref: '#/components/parameters/IdempotencyKey' },
        query('dryRun', 'For a `text/csv` body: `true` to preview, `false` to import (required there).', { type: 'string', enum: ['true', 'false'] }),
        query('format', 'For a `text/csv` body: the format (default `changeboard-csv`).', { type: 'string', enum: ['auto', ...FLAG_IMPORT_FORMATS] }),
        query('defaultOwnerEmail', 'For a `text/csv` body: owner of flags the file names none for.', { type: 'string', format: 'email' }),
        query('defaultTeam', 'For a `text/csv` body: team slug of flags with no team and no team prefix.', { type: 'string' }),
        query('fileName', 'A name for the file in the audit trail.', { type: 'string' }),
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: requestSchema(ZFlagImportRequest) },
          'text/csv': { schema: { type: 'string' } },
        },
      },
      responses: {
        '200': jsonResponse('Each row’s outcome (in a dry run: what would happen), errors first in no particular order but by `index`', 'FlagImportResult'),
        '400': errorResponse('`BAD_REQUEST`: malformed body or options'),
        '401': errorResponse('`UNAUTHENTICATED`: missing, unknown, revoked or expired token'),
        '403': errorResponse('`FORBIDDEN`: the token lacks `flags:write`, is a service token, or its owner imports no team’s flags (recorded as a denied attempt)'),
        '409': errorResponse('`IDEMPOTENCY_IN_PROGRESS`: the first request with this key is still running'),
        '413': errorResponse('`BAD_REQUEST`: the body is over the size limit'),
        '422': errorResponse('`INVALID`: the file as a whole cannot be read (empty, unknown format, invalid JSON with its line and column, too many rows); `IDEMPOTENCY_KEY_REUSED`'),
      },
    },
  },
};

export const FLAG_IMPORT_SCHEMAS = {
  FlagImportResult: {
    type: 'object',
    required: ['dryRun', 'counts', 'rows'],
    properties: {
      dryRun: { type: 'boolean' },
      counts: {
        type: 'object',
        required: ['created', 'updated', 'unchanged', 'errors'],
        properties: { created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, errors: { type: 'integer' } },
      },
      rows: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'where', 'key', 'outcome'],
          properties: {
            index: { type: 'integer', description: '0-based position among the file’s flags' },
            where: { type: 'string', description: 'Where the row is, e.g. `line 4` or `flag 3 (“key”)`' },
            key: { type: 'string' },
            outcome: { type: 'string', enum: ['created', 'updated', 'unchanged', 'error'] },
            changes: { type: 'array', items: { type: 'string', enum: ['team', 'type', 'owner', 'purpose', 'feature', 'rolloutPercent'] } },
            errors: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
};
