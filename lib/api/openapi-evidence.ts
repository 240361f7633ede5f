// The evidence bundle endpoint of the OpenAPI document (POL-012 evidence artifacts, for auditors).
import { EVIDENCE_CONTROLS, MAX_EVIDENCE_PERIOD_DAYS } from '@/lib/schemas/evidence-query';
import { UNAUTHENTICATED_RESPONSE, errorResponse, jsonResponse } from '@/lib/api/openapi-parts';

const DATE = { type: 'string', format: 'date' };

export const EVIDENCE_PATHS = {
  '/evidence': {
    get: {
      summary: 'The evidence bundle of one control for a period',
      description: `The records an auditor samples for one control (CTRL-012.1 … CTRL-012.5, or EXCEPTION-PATH) over whole local days in the policy zone, \`from\` and \`to\` both included (${MAX_EVIDENCE_PERIOD_DAYS} days at most), with the policy settings versions in force during the period and a summary of counts and findings. Each kind of record is capped; \`summary.isTruncated\` says when the period held more. Service tokens with \`audit:read\`, or personal tokens of auditors and admins.`,
      operationId: 'getEvidenceBundle',
      'x-required-scope': 'audit:read',
      parameters: [
        { name: 'control', in: 'query', required: true, description: 'The control.', schema: { type: 'string', enum: EVIDENCE_CONTROLS } },
        { name: 'from', in: 'query', required: true, description: 'First local day of the period (YYYY-MM-DD, policy zone).', schema: DATE },
        { name: 'to', in: 'query', required: true, description: 'Last local day of the period, included (YYYY-MM-DD, policy zone).', schema: DATE },
      ],
      responses: {
        '200': jsonResponse('The bundle', 'EvidenceBundle'),
        '400': errorResponse('`BAD_REQUEST`: unknown control, impossible date, a period that ends before it starts or is longer than a year; `fieldErrors` names each'),
        '401': UNAUTHENTICATED_RESPONSE,
        '403': errorResponse('`FORBIDDEN`: the token lacks `audit:read`, or its owner is neither an auditor nor an admin'),
      },
    },
  },
};

export const EVIDENCE_SCHEMAS = {
  EvidenceBundle: {
    type: 'object',
    required: ['format', 'control', 'period', 'generatedAt', 'generatedBy', 'policySettingsVersions', 'summary', 'records'],
    properties: {
      format: { type: 'string', const: 'changeboard.evidence-bundle/1' },
      control: { type: 'string', enum: EVIDENCE_CONTROLS },
      period: {
        type: 'object',
        required: ['from', 'to', 'timeZone', 'start', 'end', 'isEndExclusive'],
        properties: { from: DATE, to: DATE, timeZone: { type: 'string' }, start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time', description: 'Excluded: the period is [start, end)' }, isEndExclusive: { type: 'boolean' } },
      },
      generatedAt: { type: 'string', format: 'date-time' },
      generatedBy: { oneOf: [{ type: 'null' }, { type: 'object', properties: { id: { type: 'string', format: 'uuid' }, name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } } }] },
      policySettingsVersions: {
        type: 'array',
        items: { type: 'object', required: ['version', 'timeZone', 'publishedAt'], properties: { version: { type: 'integer' }, timeZone: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' }, note: { type: ['string', 'null'] } } },
      },
      summary: {
        type: 'object',
        required: ['counts', 'findings', 'isTruncated'],
        properties: {
          counts: { type: 'object', additionalProperties: { type: 'integer' } },
          findings: {
            type: 'array',
            items: { type: 'object', required: ['code', 'message', 'count', 'recordIds'], properties: { code: { type: 'string' }, message: { type: 'string' }, count: { type: 'integer' }, recordIds: { type: 'array', items: { type: 'string' } } } },
          },
          isTruncated: { type: 'boolean' },
        },
      },
      records: { type: 'object', description: 'The control\'s records, e.g. `deployments` (CTRL-012.1) with each deploy\'s change, approvals of the deployed version, `hasApprovalByOtherThanAuthor`, gate decision and `isUnauthorized`.', additionalProperties: true },
    },
  },
};
