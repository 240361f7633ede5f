// The deployment endpoints of the OpenAPI document (CTRL-012.2).
import { CHANGE_STATUSES } from '@/lib/policy/change-class';
import { DEPLOYMENT_STATUSES, ZRecordDeploymentBody } from '@/lib/schemas/deployment-api';
import { IDEMPOTENCY_KEY_PARAMETER, UNAUTHENTICATED_RESPONSE, UUID, describedRequestSchema, errorResponse, instant, jsonRequestBody, jsonResponse, nullable } from '@/lib/api/openapi-parts';

export const DEPLOYMENT_PATHS = {
  '/deployments': {
    post: {
      summary: 'Record a deploy of a change to an environment (CTRL-012.2)',
      description: 'Name the environment by `environmentSlug` or `environmentId`. An approved or deployed change moves to `deployed`. A deploy is recorded even when it was not authorized, and then flagged: `NO_GATE_ALLOW` (CTRL-012.2) when the gate gave no `allow` for this change and environment within the validity of the policy settings before `startedAt`, and the missing approvals (CTRL-012.1) when the class rule is not met (a submitted change stays submitted). Draft, cancelled and rejected changes are refused with 422, closed ones with 409. The first production deploy sets `firstProductionDeployAt` and starts an emergency change\'s review window. Service tokens with `deployments:write`, or personal tokens of engineers, managers and admins.',
      operationId: 'recordDeployment',
      'x-required-scope': 'deployments:write',
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: jsonRequestBody('RecordDeployment'),
      responses: {
        '201': jsonResponse('Recorded (check `isUnauthorized`)', 'Deployment'),
        '400': errorResponse('`BAD_REQUEST`: malformed input; `fieldErrors` names each field and its problem'),
        '401': UNAUTHENTICATED_RESPONSE,
        '403': errorResponse('`FORBIDDEN`: the token lacks the scope, or its owner is an auditor'),
        '404': errorResponse('`NOT_FOUND`: no such change, or one the caller may not see'),
        '409': errorResponse('`CONFLICT`: the change is closed or a racing request won; `IDEMPOTENCY_IN_PROGRESS`: the first request with this key is still running'),
        '422': errorResponse('`INVALID`: the change is not approvable (draft, cancelled, rejected), the environment or gate decision does not fit, or the start is in the future; `IDEMPOTENCY_KEY_REUSED`'),
      },
    },
  },
};

export const DEPLOYMENT_SCHEMAS = {
  RecordDeployment: describedRequestSchema(ZRecordDeploymentBody, 'Exactly one of `environmentSlug` and `environmentId`. Times are ISO 8601 with an offset; `finishedAt` is not before `startedAt`.'),
  Deployment: {
    type: 'object',
    required: ['id', 'changeId', 'environment', 'status', 'startedAt', 'finishedAt', 'commitSha', 'gateDecisionId', 'isUnauthorized', 'unauthorizedReasons', 'changeStatus', 'firstProductionDeployAt', 'recordedAt'],
    properties: {
      id: UUID,
      changeId: UUID,
      environment: { type: 'object', required: ['id', 'slug', 'isProduction'], properties: { id: UUID, slug: { type: 'string' }, isProduction: { type: 'boolean' } } },
      status: { type: 'string', enum: DEPLOYMENT_STATUSES },
      startedAt: instant(),
      finishedAt: nullable(instant()),
      commitSha: nullable({ type: 'string' }),
      gateDecisionId: nullable({ ...UUID, description: 'The gate decision behind the deploy, when there is one' }),
      isUnauthorized: { type: 'boolean' },
      unauthorizedReasons: { type: 'array', items: { $ref: '#/components/schemas/PolicyReason' }, description: 'Why the deploy was not authorized (`NO_GATE_ALLOW`, missing approvals); empty when it was' },
      changeStatus: { type: 'string', enum: CHANGE_STATUSES, description: 'The change status after the record' },
      firstProductionDeployAt: nullable(instant()),
      recordedAt: instant(),
    },
  },
};
