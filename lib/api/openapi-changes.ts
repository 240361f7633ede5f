// The change endpoints of the OpenAPI document: paths, parameters and schemas.
import { CHANGE_CLASSES, CHANGE_STATUSES, RISK_LEVELS } from '@/lib/policy/change-class';
import { INCIDENT_LINKS, ZChangeRequestContent, ZChangeRequestPatch } from '@/lib/schemas/change-request';
import { CHANGE_LIST_MAX_LIMIT, ZApprovalDecisionBody, ZCancelChangeBody, ZClassifyBody, ZCloseChangeBody, ZEditChangeBody, ZSubmitChangeBody } from '@/lib/schemas/change-api';
import { CHANGE_PAGE_SIZE } from '@/lib/server/change-requests/list-changes';
import { IDEMPOTENCY_KEY_TTL_HOURS } from '@/lib/server/idempotency/with-idempotency';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAY_HEADER } from '@/lib/api/idempotency';
import { CURSOR_PARAMETER, IDEMPOTENCY_KEY_PARAMETER, UNAUTHENTICATED_RESPONSE, UUID, errorPicker, NEXT_CURSOR_DESCRIPTION, cursorPageSchema, errorResponse, idPathParameter, instant, jsonRequestBody, jsonResponse, limitParameter, nullable, parameterRef, queryParameter, recordActionOperation, requestSchema } from '@/lib/api/openapi-parts';

const ERRORS = {
  '400': errorResponse('`BAD_REQUEST`: malformed input; `fieldErrors` names each field and its problem'),
  '401': UNAUTHENTICATED_RESPONSE,
  '403': errorResponse('`FORBIDDEN`: the token lacks the scope, is a service token where a person must act, or its owner may not do this (refusals of a person are recorded as denied attempts)'),
  '404': errorResponse("`NOT_FOUND`: no such change, or one the caller may not see (another team's draft)"),
  '409': errorResponse('`STALE_VERSION`: edited meanwhile, reload and retry; `CONFLICT`: the change is in the wrong state or a racing request won; `IDEMPOTENCY_IN_PROGRESS`: the first request with this key is still running'),
  '422': errorResponse("`INVALID`: breaks a rule (the message gives the rule's words); `IDEMPOTENCY_KEY_REUSED`: the key was used for a different request"),
} as const;

const errors = errorPicker(ERRORS);

const changeAnswer = (description: string) => jsonResponse(`${description}; the change as it is now`, 'Change');

const CHANGE_ID_PARAMETER = parameterRef('ChangeId');

/** A POST on one change that acts for a person and answers with the change as it is now. */
const changeActionOperation = recordActionOperation({
  scope: 'changes:write',
  idParameter: 'ChangeId',
  answer: changeAnswer,
  errors: errors('400', '401', '403', '404', '409', '422'),
});

const LIST_PARAMETERS = [
  queryParameter('status', 'Only changes in this status.', { type: 'string', enum: CHANGE_STATUSES }),
  queryParameter('class', 'Only changes of this class.', { type: 'string', enum: CHANGE_CLASSES }),
  queryParameter('team', 'Only changes of this team (id).', UUID),
  queryParameter('service', 'Only changes touching this service (id).', UUID),
  queryParameter('author', 'Only changes by this person (id).', UUID),
  queryParameter('from', 'Filed on or after this local day (`YYYY-MM-DD`, in the time zone of the policy settings in force).', { type: 'string', format: 'date' }),
  queryParameter('to', 'Filed on or before this local day (`YYYY-MM-DD`, inclusive, policy time zone).', { type: 'string', format: 'date' }),
  queryParameter('q', 'Words that must all appear in the title or description (3+ characters each; shorter ones are ignored); `CHG-123` also matches that change.', { type: 'string', maxLength: 200 }),
  limitParameter('Changes', CHANGE_PAGE_SIZE, CHANGE_LIST_MAX_LIMIT),
  CURSOR_PARAMETER,
];

export const CHANGE_PATHS = {
  '/changes': {
    get: {
      summary: 'List changes, newest first',
      description: 'Drafts are listed only for their author and team; service tokens see submitted changes and later. Cursor-paginated: follow `nextCursor` until it is null.',
      operationId: 'listChanges',
      'x-required-scope': 'changes:read',
      parameters: LIST_PARAMETERS,
      responses: { '200': jsonResponse('One page of changes', 'ChangeList'), ...errors('400', '401', '403') },
    },
    post: {
      summary: 'File a draft change request',
      description: 'Personal tokens only: the token owner is the author (a service token has no person to be one).',
      operationId: 'createChange',
      'x-required-scope': 'changes:write',
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: jsonRequestBody('ChangeContent'),
      responses: { '201': changeAnswer('Filed as a draft'), ...errors('400', '401', '403', '409', '422') },
    },
  },
  '/changes/{id}': {
    get: {
      summary: 'One change with its approvals and approval verdict',
      operationId: 'getChange',
      'x-required-scope': 'changes:read',
      parameters: [CHANGE_ID_PARAMETER],
      responses: { '200': jsonResponse('The change', 'Change'), ...errors('401', '403', '404') },
    },
    patch: {
      summary: 'Edit a change',
      description: 'Send `version` (the row version read) and the fields to change. A material edit (class, services, environments, changed paths, pull requests, ADR) starts a new content version, so earlier approvals no longer count (CTRL-012.1). Authors and co-authors only; personal tokens only.',
      operationId: 'editChange',
      'x-required-scope': 'changes:write',
      parameters: [CHANGE_ID_PARAMETER],
      requestBody: jsonRequestBody('ChangeEdit'),
      responses: { '200': changeAnswer('Edited'), ...errors('400', '401', '403', '404', '409', '422') },
    },
  },
  '/changes/{id}/submit': { post: changeActionOperation({ summary: 'Submit a draft for approval', description: 'A class below what the changed paths require is refused with 422 and the rules that require more (CTRL-012.1). Authors and co-authors only; personal tokens only.', operationId: 'submitChange', body: 'VersionedAction', status: '200', answer: 'Submitted' }) },
  '/changes/{id}/cancel': { post: changeActionOperation({ summary: 'Cancel a change that has not been deployed', description: 'Authors, co-authors and managers; personal tokens only.', operationId: 'cancelChange', body: 'CancelChange', status: '200', answer: 'Cancelled' }) },
  '/changes/{id}/close': { post: changeActionOperation({ summary: 'Close a deployed change with its outcome', description: 'Only a deployed change closes (409 otherwise); `outcome` is `succeeded`, `failed` or `rolled_back`. Authors, co-authors and managers; personal tokens only.', operationId: 'closeChange', body: 'CloseChange', status: '200', answer: 'Closed' }) },
  '/changes/{id}/approvals': { post: changeActionOperation({ summary: 'Approve or reject the content version seen', description: 'Engineers and managers other than the authors (Staff+ for major changes); personal tokens only. `version` is the content version reviewed: if the change was edited materially since, the answer is 409. Refusals (self-approval, wrong role) are 403 and recorded as denied attempts.', operationId: 'decideApproval', body: 'ApprovalDecision', status: '201', answer: 'Decision recorded' }) },
  '/changes/classify': {
    post: {
      summary: "Check a pull request's class label against its scope (CTRL-012.1)",
      description: 'For a PR check: fails (`labelMatches: false`) when the label is below the minimum class the changed paths and title require under the policy settings in force. An emergency label satisfies any minimum. Records nothing.',
      operationId: 'classifyPullRequest',
      'x-required-scope': 'classify',
      requestBody: jsonRequestBody('ClassifyRequest'),
      responses: { '200': jsonResponse('The verdict', 'Classification'), ...errors('400', '401', '403') },
    },
  },
};

export const CHANGE_PARAMETERS = {
  ChangeId: idPathParameter('change'),
  IdempotencyKey: {
    name: IDEMPOTENCY_KEY_HEADER,
    in: 'header',
    required: false,
    description: `Makes a retry safe: 1–200 printable ASCII characters, per token. Within ${IDEMPOTENCY_KEY_TTL_HOURS} hours, the same key with the same method, path and body returns the first answer (status and body, with \`${IDEMPOTENT_REPLAY_HEADER}: true\`) without acting again; with another request it is 422 \`IDEMPOTENCY_KEY_REUSED\`; while the first request still runs it is 409 \`IDEMPOTENCY_IN_PROGRESS\` (retry shortly). Server errors (5xx) are not kept, so their retry runs again.`,
    schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\x20-\\x7E]+$' },
  },
};

/** Fields a new change must send: those ZChangeRequestContent has no default for. */
function requiredOnCreate(): string[] {
  const missing = ZChangeRequestContent.safeParse({}).error?.issues ?? [];
  return [...new Set(missing.map((issue) => String(issue.path[0])))];
}

const named = { type: 'object', required: ['id', 'name'], properties: { id: UUID, name: { type: 'string' } } };
const person = { type: 'object', required: ['id', 'name', 'email'], properties: { id: UUID, name: nullable({ type: 'string' }), email: { type: 'string' } } };
const reasons = { type: 'array', items: { $ref: '#/components/schemas/PolicyReason' } };

export const CHANGE_SCHEMAS = {
  ChangeContent: { ...requestSchema(ZChangeRequestPatch), required: requiredOnCreate(), description: 'A new change. Times are ISO 8601 with an offset; unknown fields are refused.' },
  ChangeEdit: { ...requestSchema(ZEditChangeBody), minProperties: 2, description: '`version` and at least one field to change.' },
  VersionedAction: requestSchema(ZSubmitChangeBody),
  CancelChange: requestSchema(ZCancelChangeBody),
  CloseChange: requestSchema(ZCloseChangeBody),
  ApprovalDecision: { ...requestSchema(ZApprovalDecisionBody), description: '`version` is the content version reviewed. A rejection needs a comment.' },
  ClassifyRequest: requestSchema(ZClassifyBody),
  PolicyReason: {
    type: 'object',
    required: ['control', 'code', 'message'],
    properties: { control: { type: 'string', description: 'The POL-012 control, e.g. CTRL-012.1' }, code: { type: 'string' }, message: { type: 'string' } },
  },
  Classification: {
    type: 'object',
    required: ['minimumClass', 'labelMatches', 'reasons', 'policyVersion'],
    properties: {
      minimumClass: { type: 'string', enum: ['standard', 'normal', 'major'] },
      labelMatches: { type: 'boolean' },
      reasons: { ...reasons, description: 'A label below the minimum first (`LABEL_BELOW_SCOPE`), then every rule that raised the minimum (`SCOPE_RULE`).' },
      policyVersion: { type: 'integer', description: 'The policy settings version that decided' },
    },
  },
  Change: {
    type: 'object',
    required: ['id', 'reference', 'title', 'changeClass', 'status', 'version', 'contentVersion', 'team', 'author', 'services', 'environments', 'incidents', 'approvals', 'approvalVerdict', 'createdAt', 'policyVersion'],
    properties: {
      id: UUID,
      reference: { type: 'string', examples: ['CHG-42'] },
      title: { type: 'string' },
      description: { type: 'string' },
      changeClass: { type: 'string', enum: CHANGE_CLASSES },
      risk: { type: 'string', enum: RISK_LEVELS },
      status: { type: 'string', enum: CHANGE_STATUSES },
      outcome: nullable({ type: 'string', enum: ['succeeded', 'failed', 'rolled_back'] }),
      version: { type: 'integer', description: 'Row version: send it back to edit, submit or cancel' },
      contentVersion: { type: 'integer', description: 'Content version: approvals belong to it; send it back to approve or reject' },
      team: named,
      author: person,
      coAuthors: { type: 'array', items: person },
      services: { type: 'array', items: named },
      environments: { type: 'array', items: named },
      incidents: {
        type: 'array',
        description: 'Incidents linked to the change: `fixes` (it restores service) or `caused` (the incident is attributed to it). One incident may appear once per link.',
        items: {
          type: 'object',
          required: ['id', 'reference', 'title', 'severity', 'link', 'isActive'],
          properties: {
            id: UUID,
            reference: { type: 'string', examples: ['INC-7'] },
            title: { type: 'string' },
            severity: { type: 'string', enum: ['sev1', 'sev2', 'sev3', 'sev4'] },
            link: { type: 'string', enum: INCIDENT_LINKS },
            isActive: { type: 'boolean', description: 'Started and not yet resolved at the time of the answer' },
          },
        },
      },
      pullRequestUrls: { type: 'array', items: { type: 'string', format: 'uri' } },
      prLabel: nullable({ type: 'string', enum: CHANGE_CLASSES }),
      changedPaths: { type: 'array', items: { type: 'string' } },
      adrUrl: nullable({ type: 'string', format: 'uri' }),
      rollbackPlan: { type: 'string' },
      notes: { type: 'string' },
      plannedStart: nullable(instant()),
      plannedEnd: nullable(instant()),
      prOpenedAt: nullable(instant()),
      firstProductionDeployAt: nullable(instant()),
      createdAt: instant(),
      updatedAt: instant(),
      submittedAt: nullable(instant()),
      closedAt: nullable(instant()),
      approvals: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'approver', 'decision', 'contentVersion', 'isCurrent', 'decidedAt'],
          properties: {
            id: UUID,
            approver: person,
            decision: { type: 'string', enum: ['approve', 'reject'] },
            comment: { type: 'string' },
            contentVersion: { type: 'integer' },
            isCurrent: { type: 'boolean', description: 'Decided on the current content version (only those count)' },
            wasStaffPlus: { type: 'boolean' },
            decidedAt: instant(),
          },
        },
      },
      approvalVerdict: {
        type: 'object',
        required: ['state', 'approverIds', 'missing'],
        description: 'Where the current content version stands against its class rule (CTRL-012.1)',
        properties: {
          state: { type: 'string', enum: ['approved', 'pending', 'rejected'] },
          approverIds: { type: 'array', items: UUID },
          missing: { ...reasons, description: 'What is still missing, in words' },
        },
      },
      emergencyReview: nullable({
        type: 'object',
        description: 'Emergency changes: the retroactive second approval and documentation, due within the review window after the first production deploy',
        required: ['state', 'deadline', 'hasSecondApproval', 'isDocumented'],
        properties: {
          state: { type: 'string', enum: ['not-started', 'due', 'complete', 'overdue', 'late'] },
          deadline: nullable(instant()),
          hasSecondApproval: { type: 'boolean' },
          isDocumented: { type: 'boolean' },
        },
      }),
      policyVersion: { type: 'integer' },
    },
  },
  ChangeList: cursorPageSchema(
    {
      type: 'object',
      required: ['id', 'reference', 'title', 'changeClass', 'status', 'team', 'author', 'services', 'createdAt'],
      properties: {
        id: UUID,
        reference: { type: 'string' },
        title: { type: 'string' },
        changeClass: { type: 'string', enum: CHANGE_CLASSES },
        status: { type: 'string', enum: CHANGE_STATUSES },
        team: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
        author: { type: 'object', required: ['name', 'email'], properties: { name: nullable({ type: 'string' }), email: { type: 'string' } } },
        services: { type: 'array', items: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } },
        createdAt: instant(),
      },
    },
    NEXT_CURSOR_DESCRIPTION,
  ),
};
