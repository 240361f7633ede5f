// What a service token may call on /api/v1. Scopes never include administration. Pure.

export const API_SCOPES = {
  'changes:read': 'Read change requests',
  'changes:write': 'File, edit and submit change requests',
  classify: 'Check a pull request label against its scope (CTRL-012.1)',
  'gate:check': 'Ask the deploy gate whether a change may deploy (CTRL-012.2)',
  'deployments:write': 'Record deployments',
  'calendar:read': 'Read the freeze calendar and its iCalendar feed',
  'flags:lint': 'Lint feature flag keys (CTRL-012.4)',
  'flags:read': 'Read the feature flag inventory (CTRL-012.4)',
  'flags:write': 'Create, update and import feature flags',
  'config-changes:read': 'Read configuration changes and their process checklists (CTRL-012.5)',
  'config-changes:write': 'Mark complete configuration changes applied (filing, editing and confirming take a personal token)',
  'audit:read': 'Read and verify the audit trail',
  'kpis:read': 'Read the KPI figures',
  'migrations:read': 'Read migration plans and their checklists (CTRL-012.3)',
  'migrations:write': 'Record migration dry runs and steps (adding and editing plans takes a personal token)',
  'incidents:read': 'Read incidents, their services and the changes linked to them (CTRL-012.2)',
  'incidents:write': 'Declare, edit, resolve and reopen incidents, e.g. from an incident tool (the commander must be named)',
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
