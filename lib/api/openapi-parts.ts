// Building blocks of the OpenAPI document (lib/api/openapi.ts).
import { z } from 'zod';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** JSON Schema of an id. */
export const UUID = { type: 'string', format: 'uuid' };

/** A JSON response of a named schema. */
export function jsonResponse(description: string, schemaName: string) {
  return { description, content: { 'application/json': { schema: ref(schemaName) } } };
}

export function errorResponse(description: string) {
  return jsonResponse(description, 'Error');
}

/** The 401 answer, the same for every endpoint that takes a bearer token. */
export const UNAUTHENTICATED_RESPONSE = errorResponse('`UNAUTHENTICATED`: missing, unknown, revoked or expired token');

/** A required JSON request body of a named schema. */
export function jsonRequestBody(schemaName: string) {
  return { required: true, content: { 'application/json': { schema: ref(schemaName) } } };
}

/**
 * What a request may send, generated from the zod schema its handler parses with, so the document
 * cannot drift from the validation. Refinements across fields are not expressible and are left out.
 */
export function requestSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    // Server code may pass Date objects where JSON carries an ISO string; no JSON value is one.
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date') jsonSchema.not = {};
    },
  });
  return json;
}

/** A schema generated from a request's zod schema, with words on what the generated part cannot say. */
export function describedRequestSchema(schema: z.ZodType, description: string): Record<string, unknown> {
  return { ...requestSchema(schema), description };
}

/** A parameter defined once under `components.parameters`. */
export function parameterRef(name: string) {
  return { $ref: `#/components/parameters/${name}` };
}

export const IDEMPOTENCY_KEY_PARAMETER = parameterRef('IdempotencyKey');

/** The `id` path parameter of one record; a malformed id answers 404 like an unknown one. */
export function idPathParameter(record: string) {
  return { name: 'id', in: 'path', required: true, description: `The ${record} id (a malformed one is 404).`, schema: UUID };
}

/** An optional query parameter of a list. */
export function queryParameter(name: string, description: string, schema: Record<string, unknown>) {
  return { name, in: 'query', required: false, description, schema };
}

/** The `limit` of a cursor-paginated list: `noun` per page, e.g. "Plans". */
export function limitParameter(noun: string, pageSize: number, maxLimit: number) {
  return queryParameter('limit', `${noun} per page (default ${pageSize}).`, { type: 'integer', minimum: 1, maximum: maxLimit, default: pageSize });
}

export const CURSOR_PARAMETER = queryParameter('cursor', 'Opaque: the `nextCursor` of the previous page.', { type: 'string' });

/**
 * Picks from an area's error answers by status, so each operation lists only the ones it gives,
 * each with the area's own words.
 */
export function errorPicker<Status extends string>(answers: Readonly<Record<Status, unknown>>) {
  return (...statuses: Status[]) => Object.fromEntries(statuses.map((status) => [status, answers[status]]));
}

type RecordAction = {
  summary: string;
  description: string;
  operationId: string;
  /** The request body's schema name. */
  body: string;
  status: '200' | '201';
  /** What the success answer says was done, e.g. "Confirmed". */
  answer: string;
};

type RecordActionArea = {
  scope: string;
  /** The name of the record's `id` parameter under `components.parameters`. */
  idParameter: string;
  /** The success answer: the record as it is now, after what was done. */
  answer: (done: string) => ReturnType<typeof jsonResponse>;
  /** The error answers every such action may give. */
  errors: Record<string, unknown>;
};

/** The builder of an area's idempotent POSTs on one record that answer with the record as it is now. */
export function recordActionOperation(area: RecordActionArea) {
  return ({ summary, description, operationId, body, status, answer }: RecordAction) => ({
    summary,
    description,
    operationId,
    'x-required-scope': area.scope,
    parameters: [parameterRef(area.idParameter), IDEMPOTENCY_KEY_PARAMETER],
    requestBody: jsonRequestBody(body),
    responses: { [status]: area.answer(answer), ...area.errors },
  });
}

/** JSON Schema of a value that may also be null. */
export function nullable(schema: Record<string, unknown>) {
  return { oneOf: [schema, { type: 'null' }] };
}

export const NEXT_CURSOR_DESCRIPTION = 'Pass as `cursor` for the next page; null on the last page';

/**
 * One page of a cursor-paginated list: its `items`, and the cursor of the next page (null on the
 * last), with words on how to follow it when given.
 */
export function cursorPageSchema(items: Record<string, unknown>, nextCursorDescription?: string) {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items },
      nextCursor: nullable({ type: 'string', ...(nextCursorDescription ? { description: nextCursorDescription } : {}) }),
    },
  };
}

/** A record's checklist: each item of its process, whether it is done, and what is missing if not. */
export const CHECKLIST_SCHEMA = {
  type: 'array',
  items: { type: 'object', required: ['key', 'label', 'isDone', 'missing'], properties: { key: { type: 'string' }, label: { type: 'string' }, isDone: { type: 'boolean' }, missing: { type: 'string', description: 'What is missing, in words; empty when done' } } },
};

/** An ISO 8601 UTC instant. */
export function instant(description?: string) {
  return { type: 'string', format: 'date-time', ...(description ? { description } : {}) };
}
