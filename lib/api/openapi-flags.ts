// The flag inventory endpoints (CTRL-012.4; every write is an audited configuration change, CTRL-012.5)
// of the OpenAPI document.
import { FLAG_STATES, LINT_KEY_MAX_LENGTH, LINT_MAX_KEYS, ZArchiveFlagBody, ZFlagLintRequest, ZFlagPatch, ZNewFlag } from '@/lib/schemas/flag';
import { FLAG_TYPES } from '@/lib/policy/flag-naming';
import { FLAG_LIST_MAX_LIMIT, FLAG_PAGE_SIZE } from '@/lib/server/flags/queries';
import {
  CURSOR_PARAMETER, IDEMPOTENCY_KEY_PARAMETER, NEXT_CURSOR_DESCRIPTION, UNAUTHENTICATED_RESPONSE, UUID,
  cursorPageSchema, describedRequestSchema, errorPicker, errorResponse, idPathParameter, instant, jsonResponse, limitParameter, nullable, queryParameter, requestSchema,
} from '@/lib/api/openapi-parts';

const errors = errorPicker({
  '400': errorResponse('`BAD_REQUEST`: the body or query does not fit the schema (field errors named)'),
  '401': UNAUTHENTICATED_RESPONSE,
  '403': errorResponse('`FORBIDDEN`: the token lacks the scope, or its owner may not do this to the flag (recorded as a denied attempt)'),
  '404': errorResponse('`NOT_FOUND`: no such flag'),
  '409': errorResponse('`CONFLICT`: the key is taken or the flag is archived; `STALE_VERSION`: edited meanwhile (read it again); `IDEMPOTENCY_IN_PROGRESS`'),
  '422': errorResponse('`INVALID`: the key breaks the naming convention (`fieldErrors.key` lists each CTRL-012.4 reason), or the team, owner or feature is unknown; `IDEMPOTENCY_KEY_REUSED`'),
});

const flagAnswer = (description: string) => jsonResponse(description, 'Flag');

const WRITE_NOTE = 'Recorded as an applied `feature_flag` configuration change (CTRL-012.5) and an audit event, in one transaction. A personal token acts as its owner (the flag’s team, its owner and managers edit; auditors only read); a service token with `flags:write` acts for no one.';

export const FLAG_PATHS = {
  '/flags': {
    get: {
      summary: 'List the flag inventory',
      description: 'In key order, filtered; each flag with its state (active, stale or archived under the TTLs in force), expiry, days stale and lint result. Follow `nextCursor` for the next page.',
      operationId: 'listFlags',
      'x-required-scope': 'flags:read',
      parameters: [
        queryParameter('team', 'Team id.', UUID),
        queryParameter('type', 'Flag type.', { type: 'string', enum: [...FLAG_TYPES] }),
        queryParameter('state', 'State at the time of the request.', { type: 'string', enum: [...FLAG_STATES] }),
        queryParameter('owner', 'Owner (user) id.', UUID),
        queryParameter('feature', 'Id of the feature the flag guards.', UUID),
        queryParameter('q', 'Part of the key, any case.', { type: 'string' }),
        limitParameter('Flags', FLAG_PAGE_SIZE, FLAG_LIST_MAX_LIMIT),
        CURSOR_PARAMETER,
      ],
      responses: { '200': jsonResponse('One page of flags', 'FlagPage'), ...errors('400', '401', '403') },
    },
    post: {
      summary: 'Add a flag to the inventory',
      description: `The key must follow \`[team]-[feature]-[type]\` with a known team and the flag's type as suffix. ${WRITE_NOTE}`,
      operationId: 'createFlag',
      'x-required-scope': 'flags:write',
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: { required: true, content: { 'application/json': { schema: requestSchema(ZNewFlag) } } },
      responses: { '201': flagAnswer('The flag as stored'), ...errors('400', '401', '403', '409', '422') },
    },
  },
  '/flags/{id}': {
    get: {
      summary: 'Read one flag with its rollout history',
      operationId: 'getFlag',
      'x-required-scope': 'flags:read',
      parameters: [idPathParameter('flag')],
      responses: { '200': flagAnswer('The flag'), ...errors('401', '403', '404') },
    },
    patch: {
      summary: 'Edit a flag',
      description: `Send \`version\` as read and any of the editable fields. The key never changes, and the expiry is set only by the monthly audit's extension. A change of rollout percent adds to the history; the first 100 % starts a release flag's TTL. ${WRITE_NOTE}`,
      operationId: 'updateFlag',
      'x-required-scope': 'flags:write',
      parameters: [idPathParameter('flag')],
      requestBody: { required: true, content: { 'application/json': { schema: describedRequestSchema(ZFlagPatch, 'At least one field besides `version`.') } } },
      responses: { '200': flagAnswer('The flag as it is now'), ...errors('400', '401', '403', '404', '409', '422') },
    },
  },
  '/flags/{id}/archive': {
    post: {
      summary: 'Archive a flag removed from the code',
      description: `Send \`version\` as read and, optionally, why. ${WRITE_NOTE}`,
      operationId: 'archiveFlag',
      'x-required-scope': 'flags:write',
      parameters: [idPathParameter('flag')],
      requestBody: { required: true, content: { 'application/json': { schema: requestSchema(ZArchiveFlagBody) } } },
      responses: { '200': flagAnswer('The archived flag'), ...errors('400', '401', '403', '404', '409') },
    },
  },
  '/flags/lint': {
    post: {
      summary: 'Lint flag keys against the naming convention',
      description: `Checks up to ${LINT_MAX_KEYS.toLocaleString('en')} keys (each at most ${LINT_KEY_MAX_LENGTH} characters) against \`[team]-[feature]-[type]\` and the known teams (CTRL-012.4); \`types\` optionally gives some keys' type, to check their suffix. Stores nothing. Personal tokens may call it too.`,
      operationId: 'lintFlags',
      'x-required-scope': 'flags:lint',
      requestBody: { required: true, content: { 'application/json': { schema: requestSchema(ZFlagLintRequest) } } },
      responses: { '200': jsonResponse('Each key’s result, in the order sent', 'FlagLintReport'), ...errors('400', '401', '403') },
    },
  },
};

const REASON = {
  type: 'object',
  required: ['control', 'code', 'message'],
  properties: { control: { type: 'string', example: 'CTRL-012.4' }, code: { type: 'string', example: 'UNKNOWN_TEAM' }, message: { type: 'string' } },
};

const PERSON = { type: 'object', required: ['id', 'name', 'email'], properties: { id: UUID, name: nullable({ type: 'string' }), email: { type: 'string' } } };

const FLAG_PROPERTIES = {
  id: UUID,
  key: { type: 'string' },
  type: { type: 'string', enum: [...FLAG_TYPES] },
  team: { type: 'object', required: ['id', 'slug', 'name'], properties: { id: UUID, slug: { type: 'string' }, name: { type: 'string' } } },
  owner: PERSON,
  purpose: { type: 'string' },
  feature: nullable({ type: 'object', required: ['id', 'key', 'name'], properties: { id: UUID, key: { type: 'string' }, name: { type: 'string' } } }),
  rolloutPercent: { type: 'integer', minimum: 0, maximum: 100 },
  fullRolloutAt: nullable(instant('When rollout first reached 100 %')),
  status: { type: 'string', enum: ['active', 'archived'] },
  state: { type: 'string', enum: [...FLAG_STATES], description: 'At the time of the request' },
  expiresAt: nullable(instant('When its time is up (an extension, else its type’s TTL); null when it has none')),
  isExtended: { type: 'boolean' },
  extensionReason: nullable({ type: 'string' }),
  daysStale: nullable({ type: 'integer', description: 'Whole days past its expiry; null unless stale' }),
  lint: { type: 'object', required: ['passes', 'reasons'], properties: { passes: { type: 'boolean' }, reasons: { type: 'array', items: REASON } } },
  archivedAt: nullable(instant()),
  version: { type: 'integer', description: 'Send it back to edit or archive' },
  createdAt: instant(),
};

const FLAG_ITEM = { type: 'object', required: Object.keys(FLAG_PROPERTIES), properties: FLAG_PROPERTIES };

export const FLAG_SCHEMAS = {
  FlagPage: cursorPageSchema(FLAG_ITEM, NEXT_CURSOR_DESCRIPTION),
  Flag: {
    type: 'object',
    required: [...Object.keys(FLAG_PROPERTIES), 'expiryExplanation', 'rollout'],
    properties: {
      ...FLAG_PROPERTIES,
      expiryExplanation: { type: 'string', description: 'Why it expires when it does, in words' },
      rollout: {
        type: 'array',
        description: 'Every change of rollout percent, oldest first',
        items: { type: 'object', required: ['percent', 'changedAt', 'changedBy'], properties: { percent: { type: 'integer' }, changedAt: instant(), changedBy: nullable(PERSON) } },
      },
    },
  },
  FlagLintReport: {
    type: 'object',
    required: ['results', 'passed', 'failed'],
    properties: {
      results: { type: 'array', items: { type: 'object', required: ['key', 'passes', 'reasons'], properties: { key: { type: 'string' }, passes: { type: 'boolean' }, reasons: { type: 'array', items: REASON } } } },
      passed: { type: 'integer' },
      failed: { type: 'integer' },
    },
  },
};
