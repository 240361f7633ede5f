// The freeze override endpoints of the OpenAPI document (CTRL-012.2, exception path step 2).
import { ZGrantOverrideBody, ZRevokeOverrideBody } from '@/lib/schemas/override';
import { errorResponse, jsonRequestBody, jsonResponse, requestSchema } from '@/lib/api/openapi-parts';

const nullable = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: 'null' }] });
const instant = { type: 'string', format: 'date-time' };
const uuid = { type: 'string', format: 'uuid' };
const person = { type: 'object', required: ['id', 'name', 'email'], properties: { id: uuid, name: nullable({ type: 'string' }), email: { type: 'string' } } };

const CHANGE_ID = { $ref: '#/components/parameters/ChangeId' };
const IDEMPOTENCY_KEY = { $ref: '#/components/parameters/IdempotencyKey' };
const OVERRIDE_ID = { name: 'overrideId', in: 'path', required: true, description: 'The override id (a malformed one is 404).', schema: uuid };

const ERRORS = {
  '400': errorResponse('`BAD_REQUEST`: malformed input; `fieldErrors` names each field and its problem'),
  '401': errorResponse('`UNAUTHENTICATED`: missing, unknown, revoked or expired token'),
  '403': errorResponse('`FORBIDDEN`: a service token (it acts for no person), or a person the policy does not allow (recorded as a denied attempt)'),
  '404': errorResponse("`NOT_FOUND`: no such change or override, or one the caller may not see"),
  '409': errorResponse('`CONFLICT`: the change cannot get an override in its status, another override is in force and was not named in `supersedes`, or the override already ended; `IDEMPOTENCY_IN_PROGRESS`'),
  '422': errorResponse('`INVALID`: the expiry is not in the future or beyond the policy maximum (`overrideMaxHours`), or the requester is not allowed; `IDEMPOTENCY_KEY_REUSED`'),
};

export const OVERRIDE_PATHS = {
  '/changes/{id}/overrides': {
    get: {
      summary: "List a change's freeze overrides, newest first",
      operationId: 'listOverrides',
      'x-required-scope': 'changes:read',
      parameters: [CHANGE_ID],
      responses: { '200': jsonResponse('The overrides, each with its state now', 'OverrideList'), '401': ERRORS['401'], '403': ERRORS['403'], '404': ERRORS['404'] },
    },
    post: {
      summary: 'Grant a freeze override for the change (CTRL-012.2)',
      description: 'An engineering manager grants a calendar-only override (weekly windows, holidays, declared freezes). The commander of an active SEV1/SEV2 incident that the change is linked to as its fix grants one that also lifts that incident\'s block. Never the change\'s author or co-authors. The change must be submitted, approved or deployed. The expiry is at most the policy settings\' `overrideMaxHours` (default 24) after the grant. Missing approvals still deny at the gate. The override is logged in the exceptions log in the same transaction. The gate uses it only when the pipeline sends `useOverride: true`. One override is in force per change: to replace the one in force, send its id as `supersedes` (it is revoked at once). Personal tokens only: a service token acts for no one.',
      operationId: 'grantOverride',
      'x-required-scope': 'changes:write',
      parameters: [CHANGE_ID, IDEMPOTENCY_KEY],
      requestBody: jsonRequestBody('GrantOverride'),
      responses: { '201': jsonResponse('Granted', 'Override'), ...ERRORS },
    },
  },
  '/changes/{id}/overrides/{overrideId}/revoke': {
    post: {
      summary: 'Revoke a freeze override at once',
      description: 'Its grantor, a manager or an admin, with a reason. An override that already expired or was revoked is 409. Personal tokens only.',
      operationId: 'revokeOverride',
      'x-required-scope': 'changes:write',
      parameters: [CHANGE_ID, OVERRIDE_ID, IDEMPOTENCY_KEY],
      requestBody: jsonRequestBody('RevokeOverride'),
      responses: { '200': jsonResponse('Revoked', 'Override'), ...ERRORS },
    },
  },
};

export const OVERRIDE_SCHEMAS = {
  GrantOverride: { ...requestSchema(ZGrantOverrideBody), description: 'Exactly one of `expiresAt` (ISO 8601 with an offset) and `expiresInHours`. `justification`: at least 20 characters, a sentence. `requestedById` defaults to the change\'s author and cannot be the grantor.' },
  RevokeOverride: requestSchema(ZRevokeOverrideBody),
  Override: {
    type: 'object',
    required: ['id', 'changeId', 'state', 'justification', 'grantedBy', 'requestedBy', 'incident', 'grantedAt', 'expiresAt', 'revokedAt', 'revokedBy', 'revocationReason', 'exceptionId'],
    properties: {
      id: uuid,
      changeId: uuid,
      state: { type: 'string', enum: ['in-force', 'expired', 'revoked', 'scheduled'], description: 'In force over [grantedAt, min(expiresAt, revokedAt))' },
      justification: { type: 'string' },
      grantedBy: person,
      requestedBy: nullable(person),
      incident: nullable({ type: 'object', required: ['id', 'reference', 'severity'], description: 'Set when granted by this incident\'s commander: the override also lifts its block', properties: { id: uuid, reference: { type: 'string', examples: ['INC-7'] }, severity: { type: 'string', enum: ['sev1', 'sev2', 'sev3', 'sev4'] } } }),
      grantedAt: instant,
      expiresAt: instant,
      revokedAt: nullable(instant),
      revokedBy: nullable(person),
      revocationReason: nullable({ type: 'string' }),
      exceptionId: nullable({ ...uuid, description: 'Its entry in the exceptions log' }),
    },
  },
  OverrideList: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Override' } } } },
};
