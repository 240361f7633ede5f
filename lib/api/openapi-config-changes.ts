// The configuration-change endpoints (CTRL-012.5) of the OpenAPI document: paths, parameters and schemas.
import { CONFIG_CHANGE_PROCESS, CONFIG_CHANGE_STATUSES, CONFIG_CHANGE_TYPES } from '@/lib/policy/config-change';
import { ZConfigChangeVersionBody, ZConfigDetails, ZEditConfigChangeBody, ZNewConfigChange, ZReportedConfigChange } from '@/lib/schemas/config-change';
import { CONFIG_CHANGE_LIST_MAX_LIMIT, CONFIG_CHANGE_PAGE_SIZE } from '@/lib/server/config-changes/queries';
import { CHECKLIST_SCHEMA, CURSOR_PARAMETER, IDEMPOTENCY_KEY_PARAMETER, UNAUTHENTICATED_RESPONSE, UUID, errorPicker, errorResponse, idPathParameter, instant, cursorPageSchema, jsonRequestBody, jsonResponse, limitParameter, nullable, parameterRef, queryParameter, recordActionOperation, requestSchema } from '@/lib/api/openapi-parts';

const ERRORS = {
  '400': errorResponse('`BAD_REQUEST`: malformed input; `fieldErrors` names each field (details as `details.<field>`) and its problem'),
  '401': UNAUTHENTICATED_RESPONSE,
  '403': errorResponse('`FORBIDDEN`: the token lacks the scope, is a service token where a person must act, or its owner may not do this (refusals of a person are recorded as denied attempts)'),
  '404': errorResponse('`NOT_FOUND`: no such configuration change'),
  '409': errorResponse('`STALE_VERSION`: edited meanwhile, reload and retry; `CONFLICT`: the record is no longer planned; `IDEMPOTENCY_IN_PROGRESS`: the first request with this key is still running'),
  '422': errorResponse("`INVALID`: breaks a rule (the message gives the rule's words; an apply names every missing checklist item); `IDEMPOTENCY_KEY_REUSED`: the key was used for a different request"),
} as const;

const errors = errorPicker(ERRORS);

const ID_PARAMETER = parameterRef('ConfigChangeId');

const answer = (description: string) => jsonResponse(`${description}; the record as it is now`, 'ConfigChange');

/** A POST on one record that answers with the record as it is now. */
const recordAction = recordActionOperation({
  scope: 'config-changes:write',
  idParameter: 'ConfigChangeId',
  answer,
  errors: errors('400', '401', '403', '404', '409', '422'),
});

const PROCESSES = CONFIG_CHANGE_TYPES.map((type) => `\`${type}\`: ${CONFIG_CHANGE_PROCESS[type]}`).join('; ');

export const CONFIG_CHANGE_PATHS = {
  '/config-changes': {
    get: {
      summary: 'List configuration changes, newest first',
      description: 'Cursor-paginated: follow `nextCursor` until it is null.',
      operationId: 'listConfigChanges',
      'x-required-scope': 'config-changes:read',
      parameters: [
        queryParameter('type', 'Only records of this type.', { type: 'string', enum: CONFIG_CHANGE_TYPES }),
        queryParameter('status', 'Only records in this status.', { type: 'string', enum: CONFIG_CHANGE_STATUSES }),
        queryParameter('environment', 'Only records for this environment (id).', UUID),
        queryParameter('service', 'Only records for this service (id).', UUID),
        queryParameter('unauthorized', 'Only changes made outside their process (reported afterwards).', { type: 'string', enum: ['true'] }),
        limitParameter('Records', CONFIG_CHANGE_PAGE_SIZE, CONFIG_CHANGE_LIST_MAX_LIMIT),
        CURSOR_PARAMETER,
      ],
      responses: { '200': jsonResponse('One page of records', 'ConfigChangeList'), ...errors('400', '401', '403') },
    },
    post: {
      summary: 'Plan a configuration change through its process (CTRL-012.5)',
      description: `Personal tokens only: the token owner is the requester. It starts planned; its checklist names what the process still lacks. Processes: ${PROCESSES}.`,
      operationId: 'createConfigChange',
      'x-required-scope': 'config-changes:write',
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: jsonRequestBody('ConfigChangeNew'),
      responses: { '201': answer('Planned'), ...errors('400', '401', '403', '409', '422') },
    },
  },
  '/config-changes/reports': {
    post: {
      summary: 'Report a change already made in production outside its process',
      description: 'Stored as applied at `appliedAt` (not in the future) and flagged unauthorized (`CONFIG_OUTSIDE_PROCESS`, CTRL-012.5); it counts against the "Unauthorized changes: 0" KPI. `madeById` is who made it (default: the reporter). Personal tokens only.',
      operationId: 'reportConfigChange',
      'x-required-scope': 'config-changes:write',
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: jsonRequestBody('ConfigChangeReport'),
      responses: { '201': answer('Recorded as unauthorized'), ...errors('400', '401', '403', '409', '422') },
    },
  },
  '/config-changes/{id}': {
    get: {
      summary: 'One configuration change with its checklist and confirmations',
      operationId: 'getConfigChange',
      'x-required-scope': 'config-changes:read',
      parameters: [ID_PARAMETER],
      responses: { '200': jsonResponse('The record', 'ConfigChange'), ...errors('401', '403', '404') },
    },
    patch: {
      summary: 'Edit a planned configuration change',
      description: 'Send `version` (the row version read) and the fields to change; `details` merge over the stored ones. The type never changes. Editing details, environment or service withdraws the confirmations given (they vouched for what they saw). The requester, their team or a manager; personal tokens only.',
      operationId: 'editConfigChange',
      'x-required-scope': 'config-changes:write',
      parameters: [ID_PARAMETER],
      requestBody: jsonRequestBody('ConfigChangeEdit'),
      responses: { '200': answer('Edited'), ...errors('400', '401', '403', '404', '409', '422') },
    },
  },
  '/config-changes/{id}/confirmations': {
    post: recordAction({
      summary: 'Confirm as the second person (review, peer review, two-person rule)',
      description: 'Personal tokens only: a service token acts for no one and cannot be the second person (403). The requester, or someone who already confirmed, is refused with 403 and the attempt is recorded. `version` is the row version read: after an edit the answer is 409. Types that take no confirmation (flag changes, automated rotations) answer 422.',
      operationId: 'confirmConfigChange',
      body: 'ConfigChangeVersioned',
      status: '201',
      answer: 'Confirmed',
    }),
  },
  '/config-changes/{id}/apply': {
    post: recordAction({
      summary: 'Mark a planned configuration change applied now',
      description: 'Only once its checklist is complete: otherwise 422 with every missing item, and nothing changes. The requester, their team or a manager; a service token with the scope may too (a pipeline that applied it).',
      operationId: 'applyConfigChange',
      body: 'ConfigChangeVersioned',
      status: '200',
      answer: 'Applied',
    }),
  },
};

export const CONFIG_CHANGE_PARAMETERS = {
  ConfigChangeId: idPathParameter('configuration change'),
};

/** Detail fields a new record must send: those its type cannot leave blank. The rest read as "not given yet". */
function requiredDetails(type: (typeof CONFIG_CHANGE_TYPES)[number]): string[] {
  return [...new Set((ZConfigDetails[type].safeParse({}).error?.issues ?? []).map((issue) => String(issue.path[0])))];
}

/** The generated schema of a new-record body, with `details` optional and only its naming field required. */
function recordBody(generated: Record<string, unknown>): Record<string, unknown> {
  const variants = (generated.oneOf ?? generated.anyOf ?? []) as { properties: Record<string, { const?: string } & Record<string, unknown>>; required?: string[] }[];
  for (const variant of variants) {
    const type = variant.properties.type?.const as (typeof CONFIG_CHANGE_TYPES)[number];
    variant.required = (variant.required ?? []).filter((field) => field !== 'details' || requiredDetails(type).length > 0);
    if (variant.properties.details) variant.properties.details = { ...variant.properties.details, required: requiredDetails(type) };
  }
  return generated;
}

const named = { type: 'object', required: ['id', 'name'], properties: { id: UUID, name: { type: 'string' } } };
const person = { type: 'object', required: ['id', 'name', 'email'], properties: { id: UUID, name: nullable({ type: 'string' }), email: { type: 'string' } } };
const reason = { $ref: '#/components/schemas/PolicyReason' };

const SUMMARY_PROPERTIES = {
  id: UUID,
  type: { type: 'string', enum: CONFIG_CHANGE_TYPES },
  typeLabel: { type: 'string', examples: ['Secret rotation'] },
  title: { type: 'string' },
  status: { type: 'string', enum: CONFIG_CHANGE_STATUSES },
  version: { type: 'integer', description: 'Row version: send it back to edit, confirm or apply' },
  environment: named,
  service: nullable(named),
  requestedBy: { ...person, description: 'The requester; for a reported change, who made it' },
  isReportedAfter: { type: 'boolean', description: 'Made in production outside its process and reported afterwards' },
  unauthorizedReason: { ...nullable(reason), description: 'Set when reported afterwards: `CONFIG_OUTSIDE_PROCESS` (CTRL-012.5)' },
  process: { type: 'string', description: "The policy's words for the type's process" },
  needsConfirmation: { type: 'boolean', description: 'Whether a second, different person must confirm it' },
  missing: { type: 'array', items: reason, description: 'What keeps it from being applied (`CONFIG_PROCESS_INCOMPLETE`); empty when complete' },
  details: { type: 'object', description: "The type's process evidence (PR link, staging test, TTL, rotation mode and run)" },
  appliedAt: nullable(instant('When it was made in production')),
  createdAt: instant(),
};

const SUMMARY_REQUIRED = Object.keys(SUMMARY_PROPERTIES);

export const CONFIG_CHANGE_SCHEMAS = {
  ConfigChangeNew: { ...recordBody(requestSchema(ZNewConfigChange)), description: 'A planned change. Detail fields left out read as not given yet; unknown fields are refused.' },
  ConfigChangeReport: { ...recordBody(requestSchema(ZReportedConfigChange)), description: 'A change already made: `appliedAt` is ISO 8601 with an offset and not in the future.' },
  ConfigChangeEdit: { ...requestSchema(ZEditConfigChangeBody), minProperties: 2, description: '`version` and at least one field to change.' },
  ConfigChangeVersioned: requestSchema(ZConfigChangeVersionBody),
  ConfigChangeSummary: { type: 'object', required: SUMMARY_REQUIRED, properties: SUMMARY_PROPERTIES },
  ConfigChange: {
    type: 'object',
    required: [...SUMMARY_REQUIRED, 'checklist', 'confirmations'],
    properties: {
      ...SUMMARY_PROPERTIES,
      checklist: CHECKLIST_SCHEMA,
      confirmations: { type: 'array', items: { type: 'object', required: ['confirmer', 'confirmedAt'], properties: { confirmer: person, confirmedAt: instant() } } },
    },
  },
  ConfigChangeList: cursorPageSchema({ $ref: '#/components/schemas/ConfigChangeSummary' }),
};
