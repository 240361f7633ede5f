// The OpenAPI 3.1 document of /api/v1. A test checks that every route file is described here.
import { API_SCOPES } from '@/lib/policy/api-scopes';
import { CHANGE_PARAMETERS, CHANGE_PATHS, CHANGE_SCHEMAS } from '@/lib/api/openapi-changes';
import { DEPLOYMENT_PATHS, DEPLOYMENT_SCHEMAS } from '@/lib/api/openapi-deployments';
import { GATE_PATHS, GATE_SCHEMAS } from '@/lib/api/openapi-gate';
import { OVERRIDE_PATHS, OVERRIDE_SCHEMAS } from '@/lib/api/openapi-overrides';
import { MIGRATION_PARAMETERS, MIGRATION_PATHS, MIGRATION_SCHEMAS } from '@/lib/api/openapi-migrations';
import { CONFIG_CHANGE_PARAMETERS, CONFIG_CHANGE_PATHS, CONFIG_CHANGE_SCHEMAS } from '@/lib/api/openapi-config-changes';
import { INCIDENT_PARAMETERS, INCIDENT_PATHS, INCIDENT_SCHEMAS } from '@/lib/api/openapi-incidents';
import { CALENDAR_PATHS, CALENDAR_SECURITY_SCHEMES } from '@/lib/api/openapi-calendar';
import { FLAG_IMPORT_PATHS, FLAG_IMPORT_SCHEMAS } from '@/lib/api/openapi-flags-import';
import { FLAG_PATHS, FLAG_SCHEMAS } from '@/lib/api/openapi-flags';
import { AUDIT_PATHS, AUDIT_SCHEMAS } from '@/lib/api/openapi-audit';
import { EVIDENCE_PATHS, EVIDENCE_SCHEMAS } from '@/lib/api/openapi-evidence';
import { KPI_PARAMETERS, KPI_PATHS, KPI_SCHEMAS } from '@/lib/api/openapi-kpis';
import { errorResponse } from '@/lib/api/openapi-parts';

const AUTH_ERRORS = {
  '401': errorResponse('Missing, unknown, revoked or expired token'),
  '403': errorResponse('The token lacks the scope, or its owner lacks the right'),
};

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Changeboard API',
      version: '1',
      description: 'Change governance for POL-012, for CI pipelines. Authenticate with `Authorization: Bearer <token>`; times are ISO 8601 UTC. Creating POSTs accept an `Idempotency-Key` header, so a pipeline can retry them safely.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerToken: [] }],
    paths: {
      '/me': {
        get: {
          summary: 'Describe the calling token',
          operationId: 'getMe',
          'x-required-scope': 'changes:read',
          responses: {
            '200': { description: 'The token and, for personal tokens, its owner', content: { 'application/json': { schema: { $ref: '#/components/schemas/Me' } } } },
            ...AUTH_ERRORS,
          },
        },
      },
      '/openapi.json': {
        get: {
          summary: 'This document',
          operationId: 'getOpenApi',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/health': {
        get: {
          summary: 'Whether this instance can serve',
          description: 'For load balancers and monitors: 200 when this instance reaches its database, else 503 with `Retry-After`. No token, no rate limit; it reveals nothing else.',
          operationId: 'getHealth',
          security: [],
          responses: {
            '200': { description: 'Ready', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
            '503': { description: 'The database cannot be reached: take this instance out of rotation and retry', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
          },
        },
      },
      ...CHANGE_PATHS,
      ...DEPLOYMENT_PATHS,
      ...GATE_PATHS,
      ...OVERRIDE_PATHS,
      ...MIGRATION_PATHS,
      ...CONFIG_CHANGE_PATHS,
      ...INCIDENT_PATHS,
      ...CALENDAR_PATHS,
      ...FLAG_IMPORT_PATHS,
      ...FLAG_PATHS,
      ...EVIDENCE_PATHS,
      ...KPI_PATHS,
      ...AUDIT_PATHS,
    },
    components: {
      parameters: { ...CHANGE_PARAMETERS, ...MIGRATION_PARAMETERS, ...CONFIG_CHANGE_PARAMETERS, ...INCIDENT_PARAMETERS, ...KPI_PARAMETERS },
      securitySchemes: {
        ...CALENDAR_SECURITY_SCHEMES,
        bearerToken: {
          type: 'http',
          scheme: 'bearer',
          description: `Personal tokens act as their owner. Service tokens carry scopes: ${Object.entries(API_SCOPES).map(([scope, text]) => `\`${scope}\` (${text})`).join('; ')}. Every endpoint answers 429 \`RATE_LIMITED\` with a \`Retry-After\` header (seconds) beyond the caller's budget: per token per minute (service tokens have a budget of their own), and per client address for calls without a valid token. A write that times out under load (waiting for locks or a database connection) is rolled back and answers 503 \`UNAVAILABLE\` with \`Retry-After\`: retry it. While the database cannot be reached, calls answer 503 \`UNAVAILABLE\` too (the gate: a 503 deny).`,
        },
      },
      schemas: {
        Health: {
          type: 'object',
          required: ['status', 'database'],
          properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, database: { type: 'string', enum: ['reachable', 'unreachable'] } },
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'INVALID', 'CONFLICT', 'STALE_VERSION', 'IDEMPOTENCY_KEY_REUSED', 'IDEMPOTENCY_IN_PROGRESS', 'RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL'] },
                message: { type: 'string' },
                fieldErrors: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              },
            },
          },
        },
        ...CHANGE_SCHEMAS,
        ...DEPLOYMENT_SCHEMAS,
        ...GATE_SCHEMAS,
        ...OVERRIDE_SCHEMAS,
        ...MIGRATION_SCHEMAS,
        ...CONFIG_CHANGE_SCHEMAS,
        ...INCIDENT_SCHEMAS,
        ...FLAG_IMPORT_SCHEMAS,
        ...FLAG_SCHEMAS,
        ...EVIDENCE_SCHEMAS,
        ...KPI_SCHEMAS,
        ...AUDIT_SCHEMAS,
        Me: {
          type: 'object',
          required: ['tokenId', 'kind', 'scopes', 'user'],
          properties: {
            tokenId: { type: 'string', format: 'uuid' },
            kind: { type: 'string', enum: ['personal', 'service'] },
            scopes: { type: 'array', items: { type: 'string', enum: Object.keys(API_SCOPES) } },
            user: {
              oneOf: [
                { type: 'null' },
                { type: 'object', required: ['id', 'role', 'isStaffPlus'], properties: { id: { type: 'string', format: 'uuid' }, role: { type: 'string', enum: ['engineer', 'manager', 'auditor', 'admin'] }, isStaffPlus: { type: 'boolean' } } },
              ],
            },
          },
        },
      },
    },
  };
}
