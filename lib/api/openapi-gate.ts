// The deploy gate endpoint of the OpenAPI document (CTRL-012.2).
import { ZGateCheckBody } from '@/lib/schemas/gate-api';
import { errorResponse, jsonRequestBody, jsonResponse, requestSchema } from '@/lib/api/openapi-parts';

const instant = { type: 'string', format: 'date-time' };
const reasons = { type: 'array', items: { $ref: '#/components/schemas/PolicyReason' } };

export const GATE_PATHS = {
  '/gate/check': {
    post: {
      summary: 'Ask whether a change may deploy to an environment now (CTRL-012.2)',
      description: 'Checks approvals (CTRL-012.1: the change approved and its class rule met) and the freeze calendar, active SEV1/SEV2 incidents and overrides (CTRL-012.2), and answers every reason, not only the first. Approvals and freezes apply to gated environments only (production by default). An override lifts calendar freezes only when asked for with `useOverride: true`; it never lifts missing approvals. `at` previews another moment: the answer is marked `preview` and never authorizes a deploy. Every real check is recorded as deploy evidence; pass its `id` as `gateDecisionId` to `POST /deployments`. The gate fails closed: when it cannot decide it answers 503 with a deny. Service tokens with `gate:check`, or personal tokens.',
      operationId: 'checkGate',
      'x-required-scope': 'gate:check',
      requestBody: jsonRequestBody('GateCheck'),
      responses: {
        '200': jsonResponse('The decision: `allow` or `deny` (both are 200)', 'GateDecision'),
        '400': errorResponse('`BAD_REQUEST`: malformed input; `fieldErrors` names each field and its problem'),
        '401': errorResponse('`UNAUTHENTICATED`: missing, unknown, revoked or expired token'),
        '403': errorResponse('`FORBIDDEN`: the token lacks the `gate:check` scope'),
        '404': jsonResponse('A deny for an unknown change (`UNKNOWN_CHANGE`, also another team\'s draft) or environment (`UNKNOWN_ENVIRONMENT`)', 'GateRefusal'),
        '503': jsonResponse('A deny because the gate could not decide (`GATE_UNAVAILABLE`): never deploy on it', 'GateRefusal'),
      },
    },
  },
};

export const GATE_SCHEMAS = {
  GateCheck: { ...requestSchema(ZGateCheckBody), description: '`environment` is the slug, e.g. `production`; `at` is ISO 8601 with an offset.' },
  GateDecision: {
    type: 'object',
    required: ['id', 'decision', 'reasons', 'policyVersion', 'at', 'evaluatedAt', 'nextAllowedAt', 'preview'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'The recorded decision, the deploy evidence' },
      decision: { type: 'string', enum: ['allow', 'deny'] },
      reasons: { ...reasons, description: 'Every reason that denies; empty on allow' },
      policyVersion: { type: 'integer', description: 'The policy settings version that decided' },
      at: { ...instant, description: 'The moment evaluated: now, or the previewed `at`' },
      evaluatedAt: { ...instant, description: 'When the gate decided' },
      nextAllowedAt: { oneOf: [{ ...instant, description: 'The earliest moment the freeze calendar lets the change through' }, { type: 'null' }] },
      preview: { type: 'boolean', description: 'True when `at` was given: the answer authorizes no deploy' },
    },
  },
  GateRefusal: {
    type: 'object',
    required: ['decision', 'reasons'],
    properties: { decision: { type: 'string', enum: ['deny'] }, reasons },
  },
};
