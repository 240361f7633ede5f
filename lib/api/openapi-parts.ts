// Building blocks of the OpenAPI document (lib/api/openapi.ts).
import { z } from 'zod';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A JSON response of a named schema. */
export function jsonResponse(description: string, schemaName: string) {
  return { description, content: { 'application/json': { schema: ref(schemaName) } } };
}

export function errorResponse(description: string) {
  return jsonResponse(description, 'Error');
}

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
