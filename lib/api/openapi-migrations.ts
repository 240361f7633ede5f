// The migration-plan endpoints of the OpenAPI document (CTRL-012.3): paths, parameters and schemas.
import { BREAKING_PHASES, MIGRATION_STATUSES, MIGRATION_TYPES, PHASE_STATUSES } from '@/lib/policy/migration-plan';
import { CHANGE_STATUSES } from '@/lib/policy/change-class';
import { DRY_RUN_OUTCOMES, ZCreateMigrationPlanBody, ZDryRunBody, ZEditMigrationPlanBody, ZMigrationStepBody } from '@/lib/schemas/migration-plan';
import { CHANGE_LIST_MAX_LIMIT } from '@/lib/schemas/change-api';
import { MIGRATION_PAGE_SIZE } from '@/lib/server/migrations/queries';
import { CHECKLIST_SCHEMA, CURSOR_PARAMETER, IDEMPOTENCY_KEY_PARAMETER, UUID, describedRequestSchema, errorPicker, errorResponse, idPathParameter, instant, NEXT_CURSOR_DESCRIPTION, cursorPageSchema, jsonRequestBody, jsonResponse, limitParameter, nullable, parameterRef, queryParameter, recordActionOperation, requestSchema, UNAUTHENTICATED_RESPONSE } from '@/lib/api/openapi-parts';

const ERRORS = {
  '400': errorResponse('`BAD_REQUEST`: malformed input; `fieldErrors` names each field (details as `details.<field>`) and its problem'),
  '401': UNAUTHENTICATED_RESPONSE,
  '403': errorResponse("`FORBIDDEN`: the token lacks the scope, is a service token where a person must act, or its owner is not the change's author, co-author, team mate or a manager (recorded as a denied attempt)"),
  '404': errorResponse("`NOT_FOUND`: no such plan or change, or one the caller may not see (another team's draft)"),
  '409': errorResponse('`STALE_VERSION`: changed meanwhile, reload and retry; `CONFLICT`: the plan or its change is in the wrong state (a step already taken, a cancelled or closed change) or a racing request won; `IDEMPOTENCY_IN_PROGRESS`: the first request with this key is still running'),
  '422': errorResponse("`INVALID`: breaks a CTRL-012.3 rule (the message gives the rule's words: what the checklist misses, a phase out of order); `IDEMPOTENCY_KEY_REUSED`: the key was used for a different request"),
} as const;

const errors = errorPicker(ERRORS);

const PLAN_ID_PARAMETER = parameterRef('MigrationPlanId');

/** A POST on one plan that answers with the plan as it is now. */
const planActionOperation = recordActionOperation({
  scope: 'migrations:write',
  idParameter: 'MigrationPlanId',
  answer: (done) => jsonResponse(`${done}; the plan as it is now`, 'MigrationPlan'),
  errors: errors('400', '401', '403', '404', '409', '422'),
});

export const MIGRATION_PATHS = {
  '/migrations': {
    get: {
      summary: 'List migration plans, newest first',
      description: 'Plans of changes the caller may see (drafts only for their author and team). Cursor-paginated: follow `nextCursor` until it is null.',
      operationId: 'listMigrationPlans',
      'x-required-scope': 'migrations:read',
      parameters: [
        queryParameter('type', 'Only plans of this type.', { type: 'string', enum: MIGRATION_TYPES }),
        queryParameter('status', 'Only plans in this status.', { type: 'string', enum: MIGRATION_STATUSES }),
        queryParameter('team', "Only plans of this team's changes (id).", UUID),
        queryParameter('change', 'Only plans of this change (id).', UUID),
        limitParameter('Plans', MIGRATION_PAGE_SIZE, CHANGE_LIST_MAX_LIMIT),
        CURSOR_PARAMETER,
      ],
      responses: { '200': jsonResponse('One page of plans', 'MigrationPlanList'), ...errors('400', '401', '403') },
    },
    post: {
      summary: 'Add a migration plan to a change',
      description: "Personal tokens only: the change's author, co-authors, team mates and managers. A plan may be incomplete: its `checklist` and `readiness` say what is missing, and the gate holds the change until it is complete. Not on cancelled or closed changes.",
      operationId: 'createMigrationPlan',
      'x-required-scope': 'migrations:write',
      parameters: [IDEMPOTENCY_KEY_PARAMETER],
      requestBody: jsonRequestBody('MigrationPlanCreate'),
      responses: { '201': jsonResponse('Added; the plan as it is now', 'MigrationPlan'), ...errors('400', '401', '403', '404', '409', '422') },
    },
  },
  '/migrations/{id}': {
    get: {
      summary: 'One migration plan with its checklist and readiness',
      operationId: 'getMigrationPlan',
      'x-required-scope': 'migrations:read',
      parameters: [PLAN_ID_PARAMETER],
      responses: { '200': jsonResponse('The plan', 'MigrationPlan'), ...errors('401', '403', '404') },
    },
    patch: {
      summary: 'Edit a planned migration',
      description: "Send `version` (the row version read) and the fields to change. A new `type` starts the details afresh (the old type's fields, phases and dry run are dropped); `details` are merged over the stored ones. Only planned migrations; personal tokens only.",
      operationId: 'editMigrationPlan',
      'x-required-scope': 'migrations:write',
      parameters: [PLAN_ID_PARAMETER],
      requestBody: jsonRequestBody('MigrationPlanEdit'),
      responses: { '200': jsonResponse('Edited; the plan as it is now', 'MigrationPlan'), ...errors('400', '401', '403', '404', '409', '422') },
    },
  },
  '/migrations/{id}/dry-runs': {
    post: planActionOperation({
      summary: "Record a data backfill's dry run",
      description: 'Data backfills only, before the real run. The latest dry run counts: a failed one keeps the checklist item open. Service tokens with `migrations:write` may record it.',
      operationId: 'recordMigrationDryRun',
      body: 'MigrationDryRun',
      status: '201',
      answer: 'Recorded',
    }),
  },
  '/migrations/{id}/steps': {
    post: planActionOperation({
      summary: 'Record a migration step: start, succeed or roll back',
      description: 'Starting needs the whole checklist complete (422 with what is missing otherwise). A roll back needs its `reason`. A breaking schema migration moves phase by phase (`phase`: expand, migrate, contract); a phase starts only after every earlier one succeeded, so contract is refused (422) before expand and migrate succeeded. Service tokens with `migrations:write` may record steps.',
      operationId: 'recordMigrationStep',
      body: 'MigrationStep',
      status: '200',
      answer: 'Recorded',
    }),
  },
  '/migrations/{id}/checklist': {
    get: {
      summary: "The plan's checklist as Markdown for the pull-request template",
      operationId: 'getMigrationChecklist',
      'x-required-scope': 'migrations:read',
      parameters: [PLAN_ID_PARAMETER],
      responses: { '200': { description: 'The checklist, ticked where done', content: { 'text/markdown': { schema: { type: 'string' } } } }, ...errors('401', '403', '404') },
    },
  },
};

export const MIGRATION_PARAMETERS = {
  MigrationPlanId: idPathParameter('migration plan'),
};

const phaseRecord = {
  type: 'object',
  required: ['status', 'startedAt', 'finishedAt', 'reason'],
  properties: { status: { type: 'string', enum: PHASE_STATUSES }, startedAt: nullable(instant()), finishedAt: nullable(instant()), reason: nullable({ type: 'string' }) },
};

export const MIGRATION_SCHEMAS = {
  MigrationPlanCreate: describedRequestSchema(ZCreateMigrationPlanBody, "`changeId`, `type` and `title` are required; the rest may follow. `details` takes the type's own fields; unknown fields are refused."),
  MigrationPlanEdit: describedRequestSchema(ZEditMigrationPlanBody, '`version` and at least one field to change.'),
  MigrationDryRun: requestSchema(ZDryRunBody),
  MigrationStep: describedRequestSchema(ZMigrationStepBody, '`reason` is required to roll back; `phase` only for breaking schema migrations; `version`, if sent, must be the row version read.'),
  MigrationPlan: {
    type: 'object',
    required: ['id', 'change', 'type', 'typeLabel', 'requirement', 'title', 'status', 'version', 'details', 'checklist', 'isComplete', 'readiness', 'createdAt'],
    properties: {
      id: UUID,
      change: { type: 'object', required: ['id', 'reference', 'title', 'status'], properties: { id: UUID, reference: { type: 'string', examples: ['CHG-42'] }, title: { type: 'string' }, status: { type: 'string', enum: CHANGE_STATUSES } } },
      type: { type: 'string', enum: MIGRATION_TYPES },
      typeLabel: { type: 'string' },
      requirement: { type: 'string', description: "The policy's words for the type (CTRL-012.3)" },
      title: { type: 'string' },
      status: { type: 'string', enum: MIGRATION_STATUSES },
      version: { type: 'integer', description: 'Row version: send it back to edit' },
      details: {
        type: 'object',
        description: "The type's own fields. Breaking schema migrations also carry `phases` (expand, migrate, contract); data backfills carry their latest `dryRun`.",
        properties: {
          phases: { type: 'object', properties: Object.fromEntries(BREAKING_PHASES.map((phase) => [phase, phaseRecord])) },
          dryRun: nullable({ type: 'object', required: ['ranAt', 'outcome', 'notes', 'recordedById'], properties: { ranAt: instant(), outcome: { type: 'string', enum: DRY_RUN_OUTCOMES }, notes: { type: 'string' }, recordedById: { type: 'string', description: 'The person, or the service token, that recorded it' } } }),
        },
        additionalProperties: true,
      },
      rollbackPlan: { type: 'string' },
      successCriteria: { type: 'string' },
      monitoring: { type: 'string' },
      communicationPlan: { type: 'string' },
      executedAt: nullable(instant('When it (or its first phase) started')),
      outcomeReason: nullable({ type: 'string', description: 'Why it was rolled back, or a note on its success' }),
      createdAt: instant(),
      checklist: CHECKLIST_SCHEMA,
      isComplete: { type: 'boolean' },
      readiness: { type: 'array', items: { $ref: '#/components/schemas/PolicyReason' }, description: 'Why the gate holds the change because of this plan (CTRL-012.3); empty once complete, succeeded or rolled back' },
    },
  },
  MigrationPlanList: cursorPageSchema(
    {
      type: 'object',
      required: ['id', 'change', 'team', 'type', 'typeLabel', 'title', 'status', 'checklist', 'createdAt'],
      properties: {
        id: UUID,
        change: { type: 'object', required: ['id', 'reference', 'title'], properties: { id: UUID, reference: { type: 'string' }, title: { type: 'string' } } },
        team: { type: 'object', required: ['id', 'name'], properties: { id: UUID, name: { type: 'string' } } },
        type: { type: 'string', enum: MIGRATION_TYPES },
        typeLabel: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'string', enum: MIGRATION_STATUSES },
        checklist: { type: 'object', required: ['done', 'total', 'isComplete'], properties: { done: { type: 'integer' }, total: { type: 'integer' }, isComplete: { type: 'boolean' } } },
        createdAt: instant(),
      },
    },
    NEXT_CURSOR_DESCRIPTION,
  ),
};
