import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

const API_ROOT = path.resolve(import.meta.dirname, '../../app/api/v1');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Every route file under app/api/v1 with the HTTP methods it exports, as OpenAPI paths. */
function routeOperations(dir = API_ROOT): { path: string; method: string }[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return routeOperations(full);
    if (entry !== 'route.ts') return [];
    const source = readFileSync(full, 'utf8');
    const apiPath = `/${path.relative(API_ROOT, dir).split(path.sep).join('/')}`.replace(/\[([^\]]+)\]/g, '{$1}');
    return METHODS.filter((method) => new RegExp(`export (async )?function ${method}\\b|export const \\{[^}]*\\b${method}\\b`).test(source)).map((method) => ({ path: apiPath, method: method.toLowerCase() }));
  });
}

describe('OpenAPI document', () => {
  const document = openApiDocument();
  const operations = routeOperations();

  test('finds the route files (the scan itself works)', () => {
    expect(operations).toContainEqual({ path: '/openapi.json', method: 'get' });
  });

  test.each(operations)('describes $method $path', ({ path: apiPath, method }) => {
    const paths = document.paths as Record<string, Record<string, unknown>>;
    expect(paths[apiPath]?.[method], `${method.toUpperCase()} ${apiPath} is missing from lib/api/openapi.ts`).toBeDefined();
  });

  test('describes nothing that does not exist', () => {
    const described = Object.entries(document.paths).flatMap(([apiPath, item]) => Object.keys(item).map((method) => `${method} ${apiPath}`));
    expect(described.sort()).toEqual(operations.map(({ path: apiPath, method }) => `${method} ${apiPath}`).sort());
  });

  test('is OpenAPI 3.1 with bearer authentication', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearerToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});
