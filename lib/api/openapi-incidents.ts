// The incident endpoints of the OpenAPI document (CTRL-012.2): paths, parameters and schemas.
import { CHANGE_CLASSES, CHANGE_STATUSES } from '@/lib/policy/change-class';
import { INCIDENT_SEVERITIES } from '@/lib/policy/incident';
import { INCIDENT_LINKS } from '@/lib/schemas/change-request';
import { CHANGE_LIST_MAX_LIMIT } from '@/lib/schemas/change-api';
import { INCIDENT_STATES, ZDeclareIncidentBody, ZIncidentPatchBody } from '@/lib/schemas/incident';
import { INCIDENT_PAGE_SIZE } from '@/lib/server/incidents/queries';
import { errorResponse, jsonRequestBody, jsonResponse, requestSchema } from '@/lib/api/openapi-parts';

const ERRORS = {
  '400': errorResponse('`BAD_REQUEST`: malformed input (an impossible date, a resolution before the start, an unknown severity); `fieldErrors` names each field and its problem'),
  '401': errorResponse('`UNAUTHENTICATED`: missing, unknown, revoked or expired token'),
  '403': errorResponse('`FORBIDDEN`: the token lacks the scope, or its owner may not do this (auditors only read; only the commander, managers and admins edit, resolve or reopen). Refusals of a person are recorded as denied attempts'),
  '404': errorResponse('`NOT_FOUND`: no such incident'),
  '409': errorResponse('`STALE_VERSION`: edited meanwhile, reload and retry; `CONFLICT`: already resolved, or not resolved when reopening; `IDEMPOTENCY_IN_PROGRESS`: the first request with this key is still running'),
  '422': errorResponse('`INVALID`: an unknown, disabled or read-only commander, an unknown service, or a time in the future; `IDEMPOTENCY_KEY_REUSED`: the key was used for a different request'),
} as const;

type ErrorStatus = keyof typeof ERRORS;
const errors = (...statuses: ErrorStatus[]) => Object.fromEntries(statuses.map((status) => [status, ERRORS[status]]));

const INCIDENT_ID_PARAMETER = { $ref: '#/components/parameters/IncidentId' };
const query = (name: string, description: string, schema: Record<string, unknown>) => ({ name, in: 'query', required: false, description, schema });

export const INCIDENT_PATHS = {
  '/incidents': {
    get: {
      summary: 'List incidents, newest start first',
      description: 'Cursor-paginated: follow `nextCursor` until it is null. `isBlockingDeploys` marks an active SEV1/SEV2, which holds every change not linked to it as its fix (CTRL-012.2).',
      operationId: 'listIncidents',
      'x-required-scope': 'incidents:read',
      parameters: [
        query('state', '`active` (not resolved), `resolved` or `all` (default).', { type: 'string', enum: INCIDENT_STATES, default: 'all' }),
        query('severity', 'Only incidents of this severity.', { type: 'string', enum: INCIDENT_SEVERITIES }),
        query('service', 'Only incidents affecting this service (id).', { type: 'string', format: 'uuid' }),
        query('limit', `Incidents per page (default ${INCIDENT_PAGE_SIZE}).`, { type: 'integer', minimum: 1, maximum: CHANGE_LIST_MAX_LIMIT, default: INCIDENT_PAGE_SIZE }),
        query('cursor', 'Opaque: the `nextCursor` of the previous page.', { type: 'string' }),
      ],
      responses: { '200': jsonResponse('One page of incidents', 'IncidentList'), ...errors('400', '401', '403') },
    },
    post: {
      summary: 'Declare an incident',
      description: 'Any active engineer, manager or admin (personal token), or a service token with `incidents:write` (an incident tool). A person commands the incident unless `commanderId` names someone else; a service token acts for no one, so it must send `commanderId`. The number (`INC-n`) comes from a sequence. Send `resolvedAt` to record an incident that is already over.',
      operationId: 'declareIncident',
      'x-required-scope': 'incidents:write',
      parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
      requestBody: jsonRequestBody('IncidentDeclaration'),
      responses: { '201': jsonResponse('Declared; the incident as it is now', 'Incident'), ...errors('400', '401', '403', '409', '422') },
    },
  },
  '/incidents/{id}': {
    get: {
      summary: 'One incident with its services, linked changes and the overrides granted under it',
      operationId: 'getIncident',
      'x-required-scope': 'incidents:read',
      parameters: [INCIDENT_ID_PARAMETER],
      responses: { '200': jsonResponse('The incident', 'Incident'), ...errors('401', '403', '404') },
    },
    patch: {
      summary: 'Edit, resolve or reopen an incident',
      description: 'Send `version` (the row version read) and either the fields to edit, or `resolvedAt` on its own: an instant resolves the incident (not before its start, not in the future), `null` reopens it. Resolving a resolved incident is 409. The commander, managers and admins (personal tokens), or a service token with `incidents:write`.',
      operationId: 'patchIncident',
      'x-required-scope': 'incidents:write',
      parameters: [INCIDENT_ID_PARAMETER],
      requestBody: jsonRequestBody('IncidentPatch'),
      responses: { '200': jsonResponse('The incident as it is now', 'Incident'), ...errors('400', '401', '403', '404', '409', '422') },
    },
  },
};

export const INCIDENT_PARAMETERS = {
  IncidentId: { name: 'id', in: 'path', required: true, description: 'The incident id (a malformed one is 404).', schema: { type: 'string', format: 'uuid' } },
};

const nullable = (schema: Record<string, unknown>) => ({ oneOf: [schema, { type: 'null' }] });
const instant = { type: 'string', format: 'date-time' };
const uuid = { type: 'string', format: 'uuid' };
const named = { type: 'object', required: ['id', 'name'], properties: { id: uuid, name: { type: 'string' } } };

const LIST_ITEM_PROPERTIES = {
  id: uuid,
  reference: { type: 'string', examples: ['INC-7'] },
  title: { type: 'string' },
  severity: { type: 'string', enum: INCIDENT_SEVERITIES },
  startedAt: instant,
  resolvedAt: nullable(instant),
  isActive: { type: 'boolean', description: 'Started and not yet resolved at the time of the answer' },
  isBlockingDeploys: { type: 'boolean', description: 'An active SEV1/SEV2: only changes linked to it as its fix deploy' },
  commander: { type: 'object', required: ['id', 'name', 'email'], properties: { id: uuid, name: nullable({ type: 'string' }), email: { type: 'string' } } },
  services: { type: 'array', items: named },
  version: { type: 'integer', description: 'Row version: send it back to edit, resolve or reopen' },
};
const LIST_ITEM_REQUIRED = Object.keys(LIST_ITEM_PROPERTIES);

export const INCIDENT_SCHEMAS = {
  IncidentDeclaration: { ...requestSchema(ZDeclareIncidentBody), description: 'Times are ISO 8601 with an offset; `resolvedAt` must not be before `startedAt`. Unknown fields are refused.' },
  IncidentPatch: { ...requestSchema(ZIncidentPatchBody), description: '`version` and either fields to edit or `resolvedAt` alone (an instant resolves, null reopens).' },
  IncidentList: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { type: 'object', required: LIST_ITEM_REQUIRED, properties: LIST_ITEM_PROPERTIES } },
      nextCursor: nullable({ type: 'string' }),
    },
  },
  Incident: {
    type: 'object',
    required: [...LIST_ITEM_REQUIRED, 'summary', 'createdAt', 'changes', 'overrides'],
    properties: {
      ...LIST_ITEM_PROPERTIES,
      summary: { type: 'string' },
      createdAt: instant,
      changes: {
        type: 'array',
        description: 'Changes linked to the incident (drafts only for their team): `fixes` may deploy during it; `caused` attributes it to the change.',
        items: {
          type: 'object',
          required: ['link', 'id', 'reference', 'title', 'status', 'changeClass'],
          properties: { link: { type: 'string', enum: INCIDENT_LINKS }, id: uuid, reference: { type: 'string' }, title: { type: 'string' }, status: { type: 'string', enum: CHANGE_STATUSES }, changeClass: { type: 'string', enum: CHANGE_CLASSES } },
        },
      },
      overrides: {
        type: 'array',
        description: 'Overrides the commander granted under this incident (they also lift its block for that change).',
        items: {
          type: 'object',
          required: ['id', 'change', 'grantedBy', 'justification', 'grantedAt', 'expiresAt', 'revokedAt', 'isInForce'],
          properties: {
            id: uuid,
            change: { type: 'object', required: ['id', 'reference', 'title'], properties: { id: uuid, reference: { type: 'string' }, title: { type: 'string' } } },
            grantedBy: { type: 'object', required: ['name', 'email'], properties: { name: nullable({ type: 'string' }), email: { type: 'string' } } },
            justification: { type: 'string' },
            grantedAt: instant,
            expiresAt: instant,
            revokedAt: nullable(instant),
            isInForce: { type: 'boolean' },
          },
        },
      },
    },
  },
};
