// The audit chain endpoints of the OpenAPI document (DOMAIN.md invariant 6).
import { ZAuditCheckpoint } from '@/lib/schemas/audit';
import { errorResponse, jsonRequestBody, jsonResponse, requestSchema, UNAUTHENTICATED_RESPONSE } from '@/lib/api/openapi-parts';

const FORBIDDEN = errorResponse('`FORBIDDEN`: a service token without `audit:read`, or a personal token of someone who is not an auditor or admin');
const seq = { type: 'string', pattern: '^\\d+$', description: 'Chain sequence number (a decimal string: it may exceed 2^53)' };
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 in lowercase hex' };
const instant = { type: 'string', format: 'date-time' };

export const AUDIT_PATHS = {
  '/audit/verify': {
    get: {
      summary: 'Verify the whole audit chain',
      description: 'Recomputes every row hash in the database with the canonical form the append used, and checks each `prev_hash` link, that no sequence number is missing and that the chain head names the last row. A broken chain answers 200 with `ok: false` and the first broken link. Auditors\' and admins\' personal tokens, or service tokens with `audit:read`.',
      operationId: 'verifyAuditChain',
      'x-required-scope': 'audit:read',
      responses: { '200': jsonResponse('The verification', 'AuditVerification'), '401': UNAUTHENTICATED_RESPONSE, '403': FORBIDDEN },
    },
  },
  '/audit/checkpoint': {
    get: {
      summary: 'The current chain head, as a checkpoint',
      description: 'Keep the answer outside Changeboard: `POST /audit/checkpoint/verify` later detects a history rewritten before it, even if every later hash was recomputed.',
      operationId: 'getAuditCheckpoint',
      'x-required-scope': 'audit:read',
      responses: { '200': jsonResponse('The checkpoint', 'AuditCheckpoint'), '401': UNAUTHENTICATED_RESPONSE, '403': FORBIDDEN },
    },
  },
  '/audit/checkpoint/verify': {
    post: {
      summary: 'Verify the chain against a kept checkpoint',
      description: 'Verifies the whole chain and that the row at the checkpoint\'s `seq` still has its `hash` (`checkpoint-mismatch` otherwise). Reads only, so no `Idempotency-Key` is needed.',
      operationId: 'verifyAuditCheckpoint',
      'x-required-scope': 'audit:read',
      requestBody: jsonRequestBody('AuditCheckpointInput'),
      responses: {
        '200': jsonResponse('The verification, with the checkpoint\'s outcome', 'AuditCheckpointVerification'),
        '400': errorResponse('`BAD_REQUEST`: not a checkpoint; `fieldErrors` names each field'),
        '401': UNAUTHENTICATED_RESPONSE,
        '403': FORBIDDEN,
      },
    },
  },
};

const verificationProperties = {
  ok: { type: 'boolean' },
  checked: { type: 'integer', description: 'Rows found intact (before the first broken one)' },
  head: { type: 'object', required: ['seq', 'hash'], properties: { seq, hash } },
  firstBroken: {
    oneOf: [
      { type: 'null' },
      {
        type: 'object',
        required: ['seq', 'reason'],
        properties: {
          seq: { ...seq, description: 'The first failing sequence number; for `missing-row`, the absent one' },
          reason: { type: 'string', enum: ['hash-mismatch', 'broken-link', 'missing-row', 'head-mismatch', 'checkpoint-mismatch'] },
          eventId: { ...seq, description: 'The event (events are keyed by their sequence number); absent for a missing row or the head' },
          action: { type: 'string' },
          at: instant,
          entityType: { type: 'string' },
          entityId: { type: ['string', 'null'] },
        },
      },
    ],
  },
};

export const AUDIT_SCHEMAS = {
  AuditVerification: { type: 'object', required: ['ok', 'checked', 'head', 'firstBroken'], properties: verificationProperties },
  AuditCheckpoint: {
    type: 'object',
    required: ['seq', 'hash', 'at'],
    properties: { seq, hash: { ...hash, description: 'The row hash at `seq`' }, at: { ...instant, description: 'When the checkpoint was taken' } },
  },
  AuditCheckpointInput: { ...requestSchema(ZAuditCheckpoint), description: 'A checkpoint as `GET /audit/checkpoint` answered it (`at` is optional and not checked).' },
  AuditCheckpointVerification: {
    type: 'object',
    required: ['ok', 'checked', 'head', 'firstBroken', 'checkpoint'],
    properties: {
      ...verificationProperties,
      checkpoint: { type: 'object', required: ['seq', 'hash', 'matches'], properties: { seq, hash, matches: { type: 'boolean' } } },
    },
  },
};
