// What a service token may call on /api/v1. Scopes never include administration. Pure.

export const API_SCOPES = {
  'changes:read': 'Read change requests',
  'changes:write': 'File, edit and submit change requests',
  classify: 'Check a pull request label against its scope (CTRL-012.1)',
  'gate:check': 'Ask the deploy gate whether a change may deploy (CTRL-012.2)',
  'deployments:write': 'Record deployments',
  'calendar:read': 'Read the freeze calendar and its iCalendar feed',
  'flags:lint': 'Lint feature flag keys (CTRL-012.4)',
  'flags:write': 'Create, update and import feature flags',
  'audit:read': 'Read and verify the audit trail',
  'kpis:read': 'Read the KPI figures',
} as const;

export type ApiScope = keyof typeof API_SCOPES;

export const API_SCOPE_NAMES = Object.keys(API_SCOPES) as ApiScope[];

export function isApiScope(value: string): value is ApiScope {
  return Object.hasOwn(API_SCOPES, value);
}

export type TokenGrant = { kind: 'personal' | 'service'; scopes: readonly string[] };

/**
 * Personal tokens act as their owner, so each endpoint's own role check decides; service tokens
 * reach only the scopes they were minted with.
 */
export function tokenHasScope(token: TokenGrant, scope: ApiScope): boolean {
  return token.kind === 'personal' || token.scopes.includes(scope);
}
