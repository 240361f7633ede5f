// The access matrix (issue #9): the expected outcome of every page and /api/v1 operation for every
// caller, written down once. `e2e/access-matrix.spec.ts` checks each cell and fails on a route file
// or page that is not listed here, so a new endpoint or page must be added to this file first.
//
// Each row states the rule; the cells follow from it (see `expectedApiStatus`/`expectedPageOutcome`),
// and the spec prints every cell it checked.
import type { ApiScope } from '@/lib/policy/api-scopes';

/** The demo people (README "Demo accounts"); engineer1, staff2 and manager1 are in Payments. */
export const PEOPLE = {
  engineer: 'engineer1@changeboard.test',
  staffPlus: 'staff1@changeboard.test',
  manager: 'manager1@changeboard.test',
  auditor: 'auditor1@changeboard.test',
  admin: 'admin@changeboard.test',
} as const;
export type Person = keyof typeof PEOPLE;
export const PERSONS = Object.keys(PEOPLE) as Person[];

/** Who calls the API: nobody, a person's token, a service token with or without the scope, or a dead token. */
export type ApiCaller =
  | 'anonymous'
  | `personal:${Person}`
  | 'service:scope'
  | 'service:other-scope'
  | 'revoked'
  | 'disabled-owner'
  | 'malformed';
export const API_CALLERS: ApiCaller[] = ['anonymous', ...PERSONS.map((person) => `personal:${person}` as const), 'service:scope', 'service:other-scope', 'revoked', 'disabled-owner', 'malformed'];

/** Ids of records the cells address, found or made by the spec before it runs. */
export type MatrixIds = {
  change: string;
  overrideId: string;
  configChange: string;
  flag: string;
  incident: string;
  migration: string;
  kpi: string;
};

export type ApiOperation = {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** As in the OpenAPI document: `/changes/{id}`. */
  path: string;
  /** The scope a service token needs; null for the public endpoints (the contract, the health probe). */
  scope: ApiScope | null;
  /** A service token acts for no person, so these refuse it (403) whatever its scopes. */
  personOnly?: boolean;
  /** Where a person's role decides, the status for each person (otherwise `passes`). */
  byPerson?: Partial<Record<Person, number>>;
  /**
   * The status once a caller passes authentication and authorization. Writes are sent with an empty
   * JSON body, so a caller let through gets the schema's 400 and nothing changes.
   */
  passes: number;
  url: (ids: MatrixIds) => string;
  body?: unknown;
};

const AUDIT_READERS = { engineer: 403, staffPlus: 403, manager: 403 } as const;
const EVIDENCE_QUERY = 'control=CTRL-012.1&from=2026-01-01&to=2026-01-31';

export const API_OPERATIONS: ApiOperation[] = [
  { method: 'GET', path: '/openapi.json', scope: null, passes: 200, url: () => '/api/v1/openapi.json' },
  // The readiness probe of load balancers: public, and it says only whether the database answers.
  { method: 'GET', path: '/health', scope: null, passes: 200, url: () => '/api/v1/health' },
  { method: 'GET', path: '/me', scope: 'changes:read', passes: 200, url: () => '/api/v1/me' },
  // Audit trail and evidence name every record, drafts included: auditors and admins only.
  { method: 'GET', path: '/audit/checkpoint', scope: 'audit:read', byPerson: AUDIT_READERS, passes: 200, url: () => '/api/v1/audit/checkpoint' },
  { method: 'POST', path: '/audit/checkpoint/verify', scope: 'audit:read', byPerson: AUDIT_READERS, passes: 400, url: () => '/api/v1/audit/checkpoint/verify', body: {} },
  { method: 'GET', path: '/audit/verify', scope: 'audit:read', byPerson: AUDIT_READERS, passes: 200, url: () => '/api/v1/audit/verify' },
  { method: 'GET', path: '/evidence', scope: 'audit:read', byPerson: AUDIT_READERS, passes: 200, url: () => `/api/v1/evidence?${EVIDENCE_QUERY}` },
  // Changes: service tokens read and classify; a person files, edits, submits, decides.
  { method: 'GET', path: '/changes', scope: 'changes:read', passes: 200, url: () => '/api/v1/changes' },
  { method: 'POST', path: '/changes', scope: 'changes:write', personOnly: true, passes: 400, url: () => '/api/v1/changes', body: {} },
  { method: 'POST', path: '/changes/classify', scope: 'classify', passes: 400, url: () => '/api/v1/changes/classify', body: {} },
  { method: 'GET', path: '/changes/{id}', scope: 'changes:read', passes: 200, url: (ids) => `/api/v1/changes/${ids.change}` },
  { method: 'PATCH', path: '/changes/{id}', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}`, body: {} },
  { method: 'POST', path: '/changes/{id}/approvals', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}/approvals`, body: {} },
  { method: 'POST', path: '/changes/{id}/cancel', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}/cancel`, body: {} },
  { method: 'POST', path: '/changes/{id}/close', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}/close`, body: {} },
  { method: 'POST', path: '/changes/{id}/submit', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}/submit`, body: {} },
  { method: 'GET', path: '/changes/{id}/overrides', scope: 'changes:read', passes: 200, url: (ids) => `/api/v1/changes/${ids.change}/overrides` },
  { method: 'POST', path: '/changes/{id}/overrides', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}/overrides`, body: {} },
  { method: 'POST', path: '/changes/{id}/overrides/{overrideId}/revoke', scope: 'changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/changes/${ids.change}/overrides/${ids.overrideId}/revoke`, body: {} },
  // Configuration changes: a pipeline may mark one applied; filing, editing, confirming take a person.
  { method: 'GET', path: '/config-changes', scope: 'config-changes:read', passes: 200, url: () => '/api/v1/config-changes' },
  { method: 'POST', path: '/config-changes', scope: 'config-changes:write', personOnly: true, passes: 400, url: () => '/api/v1/config-changes', body: {} },
  { method: 'POST', path: '/config-changes/reports', scope: 'config-changes:write', personOnly: true, passes: 400, url: () => '/api/v1/config-changes/reports', body: {} },
  { method: 'GET', path: '/config-changes/{id}', scope: 'config-changes:read', passes: 200, url: (ids) => `/api/v1/config-changes/${ids.configChange}` },
  { method: 'PATCH', path: '/config-changes/{id}', scope: 'config-changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/config-changes/${ids.configChange}`, body: {} },
  { method: 'POST', path: '/config-changes/{id}/apply', scope: 'config-changes:write', passes: 400, url: (ids) => `/api/v1/config-changes/${ids.configChange}/apply`, body: {} },
  { method: 'POST', path: '/config-changes/{id}/confirmations', scope: 'config-changes:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/config-changes/${ids.configChange}/confirmations`, body: {} },
  // Deploy gate and deployments.
  { method: 'POST', path: '/gate/check', scope: 'gate:check', passes: 400, url: () => '/api/v1/gate/check', body: {} },
  { method: 'POST', path: '/deployments', scope: 'deployments:write', passes: 400, url: () => '/api/v1/deployments', body: {} },
  { method: 'GET', path: '/freeze-calendar.ics', scope: 'calendar:read', passes: 200, url: () => '/api/v1/freeze-calendar.ics' },
  // Flags.
  { method: 'GET', path: '/flags', scope: 'flags:read', passes: 200, url: () => '/api/v1/flags' },
  { method: 'POST', path: '/flags', scope: 'flags:write', passes: 400, url: () => '/api/v1/flags', body: {} },
  { method: 'GET', path: '/flags/{id}', scope: 'flags:read', passes: 200, url: (ids) => `/api/v1/flags/${ids.flag}` },
  { method: 'PATCH', path: '/flags/{id}', scope: 'flags:write', passes: 400, url: (ids) => `/api/v1/flags/${ids.flag}`, body: {} },
  { method: 'POST', path: '/flags/{id}/archive', scope: 'flags:write', passes: 400, url: (ids) => `/api/v1/flags/${ids.flag}/archive`, body: {} },
  { method: 'POST', path: '/flags/import', scope: 'flags:write', personOnly: true, passes: 400, url: () => '/api/v1/flags/import', body: {} },
  { method: 'POST', path: '/flags/lint', scope: 'flags:lint', passes: 400, url: () => '/api/v1/flags/lint', body: {} },
  // Incidents: an incident tool may declare with a service token (naming the commander).
  { method: 'GET', path: '/incidents', scope: 'incidents:read', passes: 200, url: () => '/api/v1/incidents' },
  { method: 'POST', path: '/incidents', scope: 'incidents:write', passes: 400, url: () => '/api/v1/incidents', body: {} },
  { method: 'GET', path: '/incidents/{id}', scope: 'incidents:read', passes: 200, url: (ids) => `/api/v1/incidents/${ids.incident}` },
  { method: 'PATCH', path: '/incidents/{id}', scope: 'incidents:write', passes: 400, url: (ids) => `/api/v1/incidents/${ids.incident}`, body: {} },
  // KPIs.
  { method: 'GET', path: '/kpis', scope: 'kpis:read', passes: 200, url: () => '/api/v1/kpis' },
  { method: 'GET', path: '/kpis/{kpi}/records', scope: 'kpis:read', passes: 200, url: (ids) => `/api/v1/kpis/${ids.kpi}/records` },
  // Migrations: a pipeline records dry runs and steps; plans are added and edited by a person.
  { method: 'GET', path: '/migrations', scope: 'migrations:read', passes: 200, url: () => '/api/v1/migrations' },
  { method: 'POST', path: '/migrations', scope: 'migrations:write', personOnly: true, passes: 400, url: () => '/api/v1/migrations', body: {} },
  { method: 'GET', path: '/migrations/{id}', scope: 'migrations:read', passes: 200, url: (ids) => `/api/v1/migrations/${ids.migration}` },
  { method: 'PATCH', path: '/migrations/{id}', scope: 'migrations:write', personOnly: true, passes: 400, url: (ids) => `/api/v1/migrations/${ids.migration}`, body: {} },
  { method: 'GET', path: '/migrations/{id}/checklist', scope: 'migrations:read', passes: 200, url: (ids) => `/api/v1/migrations/${ids.migration}/checklist` },
  { method: 'POST', path: '/migrations/{id}/dry-runs', scope: 'migrations:write', passes: 400, url: (ids) => `/api/v1/migrations/${ids.migration}/dry-runs`, body: {} },
  { method: 'POST', path: '/migrations/{id}/steps', scope: 'migrations:write', passes: 400, url: (ids) => `/api/v1/migrations/${ids.migration}/steps`, body: {} },
];

/** A scope that is not the one needed, for the "service token of another scope" column. */
export function otherScope(scope: ApiScope): ApiScope {
  return scope === 'kpis:read' ? 'changes:read' : 'kpis:read';
}

/** The status each caller must get: the one place the matrix's rule is written. */
export function expectedApiStatus(operation: ApiOperation, caller: ApiCaller): number {
  if (operation.scope === null) return operation.passes; // public: the contract, the health probe
  switch (caller) {
    case 'anonymous':
    case 'revoked':
    case 'disabled-owner':
    case 'malformed':
      return 401;
    case 'service:other-scope':
      return 403;
    case 'service:scope':
      return operation.personOnly ? 403 : operation.passes;
    default:
      return operation.byPerson?.[caller.slice('personal:'.length) as Person] ?? operation.passes;
  }
}

/**
 * Own versus other team over the API, with bodies that pass the schema: who sees a draft, who may
 * edit a team's flag (lib/policy/permissions.ts canViewChange, canEditFlag, canImportFlagsFor).
 */
export type TeamCell = { label: string; person: Person | 'engineer2'; expected: number };

/** A draft of Payments (engineer1's team), authored by engineer1. */
export const PAYMENTS_DRAFT_READERS: TeamCell[] = [
  { label: 'its author', person: 'engineer', expected: 200 },
  { label: 'a manager of its team', person: 'manager', expected: 200 },
  { label: 'an engineer of another team', person: 'engineer2', expected: 404 },
  { label: 'a Staff+ engineer of another team', person: 'staffPlus', expected: 404 },
  // Assumption (canViewChange): drafts are for their author and team only, so auditors and admins
  // (no team) do not see them either.
  { label: 'the auditor', person: 'auditor', expected: 404 },
  { label: 'the admin', person: 'admin', expected: 404 },
];

/** Editing a Payments flag (owned by engineer1): its team and managers; others are refused. */
export const PAYMENTS_FLAG_EDITORS: TeamCell[] = [
  { label: 'an engineer of its team', person: 'engineer', expected: 200 },
  { label: 'a manager', person: 'manager', expected: 200 },
  { label: 'an engineer of another team', person: 'engineer2', expected: 403 },
  { label: 'a Staff+ engineer of another team', person: 'staffPlus', expected: 403 },
  { label: 'the auditor', person: 'auditor', expected: 403 },
  { label: 'the admin', person: 'admin', expected: 403 },
];

// ── Pages ───────────────────────────────────────────────────────────────────────────────────

/**
 * A page request's outcome: `allowed` is a 200 with the page (not the not-found page); `refused` is the
 * app's answer to a signed-in person without the right, the 404 "Page not found" (it never says
 * whether the record exists); anonymous callers are always redirected to /login.
 */
export type PageOutcome = 'allowed' | 'refused';

export type PageIds = MatrixIds & {
  environment: string;
  service: string;
  team: string;
  user: string;
  freeze: string;
  holiday: string;
  /** A feature of Payments. */
  feature: string;
  flagAuditMonth: string;
  /** Drafts: Payments' by engineer1, Identity's by engineer2. */
  paymentsDraft: string;
  identityDraft: string;
  /** A planned migration plan of a Payments change. */
  paymentsMigration: string;
  /** A planned configuration change requested by engineer2 (Identity). */
  paymentsConfigChange: string;
  /** A Payments flag owned by engineer1. */
  paymentsFlag: string;
  /** An active incident commanded by staff1. */
  incidentOfOther: string;
};

export type PageRow = {
  /** The page file under app/(portal), e.g. `changes/[changeId]/page.tsx`. */
  file: string;
  /** Distinguishes rows of the same file (own versus other team). */
  label?: string;
  url: (ids: PageIds) => string;
  /** Who may open it; the rest are refused. */
  allowed: readonly Person[] | 'everyone';
};

const ADMIN_ONLY = ['admin'] as const;
const AUDIT = ['auditor', 'admin'] as const;
const CALENDAR_EDITORS = ['manager', 'admin'] as const;
const NOT_READ_ONLY = ['engineer', 'staffPlus', 'manager', 'admin'] as const;
/** Owners of a team's flags and imports: the people of a team who are not read-only (each demo session belongs to one). */
const FLAG_OWNERS = NOT_READ_ONLY;

export const PAGE_ROWS: PageRow[] = [
  { file: 'page.tsx', url: () => '/', allowed: 'everyone' },
  { file: 'account/tokens/page.tsx', url: () => '/account/tokens', allowed: 'everyone' },
  { file: 'admin/page.tsx', url: () => '/admin', allowed: ADMIN_ONLY },
  { file: 'admin/environments/page.tsx', url: () => '/admin/environments', allowed: ADMIN_ONLY },
  { file: 'admin/environments/[environmentId]/page.tsx', url: (ids) => `/admin/environments/${ids.environment}`, allowed: ADMIN_ONLY },
  { file: 'admin/services/page.tsx', url: () => '/admin/services', allowed: ADMIN_ONLY },
  { file: 'admin/services/[serviceId]/page.tsx', url: (ids) => `/admin/services/${ids.service}`, allowed: ADMIN_ONLY },
  { file: 'admin/teams/page.tsx', url: () => '/admin/teams', allowed: ADMIN_ONLY },
  { file: 'admin/teams/[teamId]/page.tsx', url: (ids) => `/admin/teams/${ids.team}`, allowed: ADMIN_ONLY },
  { file: 'admin/tokens/page.tsx', url: () => '/admin/tokens', allowed: ADMIN_ONLY },
  { file: 'admin/users/page.tsx', url: () => '/admin/users', allowed: ADMIN_ONLY },
  { file: 'admin/users/[userId]/page.tsx', url: (ids) => `/admin/users/${ids.user}`, allowed: ADMIN_ONLY },
  { file: 'audit/page.tsx', url: () => '/audit', allowed: AUDIT },
  { file: 'audit/evidence/page.tsx', url: () => '/audit/evidence', allowed: AUDIT },
  { file: 'audit/verify/page.tsx', url: () => '/audit/verify', allowed: AUDIT },
  { file: 'calendar/page.tsx', url: () => '/calendar', allowed: 'everyone' },
  { file: 'calendar/freezes/page.tsx', url: () => '/calendar/freezes', allowed: 'everyone' },
  { file: 'calendar/freezes/new/page.tsx', url: () => '/calendar/freezes/new', allowed: CALENDAR_EDITORS },
  { file: 'calendar/freezes/[freezeId]/page.tsx', url: (ids) => `/calendar/freezes/${ids.freeze}`, allowed: CALENDAR_EDITORS },
  { file: 'calendar/holidays/page.tsx', url: () => '/calendar/holidays', allowed: 'everyone' },
  { file: 'calendar/holidays/import/page.tsx', url: () => '/calendar/holidays/import', allowed: CALENDAR_EDITORS },
  { file: 'calendar/holidays/[holidayId]/page.tsx', url: (ids) => `/calendar/holidays/${ids.holiday}`, allowed: CALENDAR_EDITORS },
  { file: 'changes/page.tsx', url: () => '/changes', allowed: 'everyone' },
  { file: 'changes/new/page.tsx', url: () => '/changes/new', allowed: NOT_READ_ONLY },
  { file: 'changes/[changeId]/page.tsx', label: 'submitted', url: (ids) => `/changes/${ids.change}`, allowed: 'everyone' },
  // Own versus other team: a draft is its author's and team's only (canViewChange).
  { file: 'changes/[changeId]/page.tsx', label: 'draft of Payments', url: (ids) => `/changes/${ids.paymentsDraft}`, allowed: ['engineer', 'manager'] },
  { file: 'changes/[changeId]/page.tsx', label: 'draft of Identity', url: (ids) => `/changes/${ids.identityDraft}`, allowed: [] },
  // Editing is for the author and co-authors (get-change isOwner).
  { file: 'changes/[changeId]/edit/page.tsx', label: 'draft of Payments', url: (ids) => `/changes/${ids.paymentsDraft}/edit`, allowed: ['engineer'] },
  { file: 'config-changes/page.tsx', url: () => '/config-changes', allowed: 'everyone' },
  { file: 'config-changes/new/page.tsx', url: () => '/config-changes/new', allowed: NOT_READ_ONLY },
  { file: 'config-changes/report/page.tsx', url: () => '/config-changes/report', allowed: NOT_READ_ONLY },
  { file: 'config-changes/[configChangeId]/page.tsx', url: (ids) => `/config-changes/${ids.paymentsConfigChange}`, allowed: 'everyone' },
  // Editing a planned record: its requester, their team, managers.
  { file: 'config-changes/[configChangeId]/edit/page.tsx', label: 'requested by engineer2 of Identity', url: (ids) => `/config-changes/${ids.paymentsConfigChange}/edit`, allowed: ['manager'] },
  { file: 'exceptions/page.tsx', url: () => '/exceptions', allowed: 'everyone' },
  { file: 'flags/page.tsx', url: () => '/flags', allowed: 'everyone' },
  // canCreateFlagFor: the people of a team (the demo admin belongs to Platform) and managers.
  { file: 'flags/new/page.tsx', url: () => '/flags/new', allowed: FLAG_OWNERS },
  { file: 'flags/[flagId]/page.tsx', url: (ids) => `/flags/${ids.paymentsFlag}`, allowed: 'everyone' },
  // Own versus other team: a flag is edited by its team, its owner and managers (canEditFlag).
  { file: 'flags/[flagId]/edit/page.tsx', label: 'flag of Payments', url: (ids) => `/flags/${ids.paymentsFlag}/edit`, allowed: ['engineer', 'manager'] },
  { file: 'flags/audits/page.tsx', url: () => '/flags/audits', allowed: 'everyone' },
  { file: 'flags/audits/[month]/page.tsx', url: (ids) => `/flags/audits/${ids.flagAuditMonth}`, allowed: 'everyone' },
  { file: 'flags/features/page.tsx', url: () => '/flags/features', allowed: 'everyone' },
  // canManageFeature: the feature's team, managers and admins.
  { file: 'flags/features/new/page.tsx', url: () => '/flags/features/new', allowed: FLAG_OWNERS },
  { file: 'flags/features/[featureId]/page.tsx', label: 'feature of Payments', url: (ids) => `/flags/features/${ids.feature}`, allowed: ['engineer', 'manager', 'admin'] },
  { file: 'flags/import/page.tsx', url: () => '/flags/import', allowed: FLAG_OWNERS },
  { file: 'flags/lint/page.tsx', url: () => '/flags/lint', allowed: 'everyone' },
  { file: 'flags/stale/page.tsx', url: () => '/flags/stale', allowed: 'everyone' },
  { file: 'incidents/page.tsx', url: () => '/incidents', allowed: 'everyone' },
  { file: 'incidents/new/page.tsx', url: () => '/incidents/new', allowed: NOT_READ_ONLY },
  { file: 'incidents/[incidentId]/page.tsx', url: (ids) => `/incidents/${ids.incidentOfOther}`, allowed: 'everyone' },
  // Managing an incident: its commander (here staff1), managers and admins (canManageIncident).
  { file: 'incidents/[incidentId]/edit/page.tsx', label: 'commanded by staff1', url: (ids) => `/incidents/${ids.incidentOfOther}/edit`, allowed: ['staffPlus', 'manager', 'admin'] },
  { file: 'kpis/page.tsx', url: () => '/kpis', allowed: 'everyone' },
  { file: 'kpis/[kpi]/page.tsx', url: (ids) => `/kpis/${ids.kpi}`, allowed: 'everyone' },
  { file: 'migrations/page.tsx', url: () => '/migrations', allowed: 'everyone' },
  // Managing a change's migration plans: its author, co-authors and team, and managers (canManageMigrationPlans).
  { file: 'migrations/new/page.tsx', label: 'for a Payments change', url: (ids) => `/migrations/new?changeId=${ids.paymentsDraft}`, allowed: ['engineer', 'manager'] },
  { file: 'migrations/[planId]/page.tsx', url: (ids) => `/migrations/${ids.paymentsMigration}`, allowed: 'everyone' },
  { file: 'migrations/[planId]/edit/page.tsx', label: 'plan of a Payments change', url: (ids) => `/migrations/${ids.paymentsMigration}/edit`, allowed: ['engineer', 'manager'] },
  { file: 'policy/page.tsx', url: () => '/policy', allowed: 'everyone' },
  { file: 'policy/edit/page.tsx', url: () => '/policy/edit', allowed: ADMIN_ONLY },
];

export function expectedPageOutcome(row: PageRow, person: Person): PageOutcome {
  return row.allowed === 'everyone' || row.allowed.includes(person) ? 'allowed' : 'refused';
}

// ── Server actions ──────────────────────────────────────────────────────────────────────────

/**
 * Every server action (each is a public endpoint, whatever page shows its button) sends an anonymous
 * caller to /login before it reads its input. The exceptions sign a person in.
 */
export const ACTIONS_WITHOUT_SIGN_IN: readonly string[] = ['app/(auth)/login/actions.ts#signInWithPasswordAction', 'app/(auth)/login/actions.ts#signInWithSsoAction'];

/**
 * Actions invoked directly by a person whose page shows no button for them: refused with the
 * use-case's message, and nothing changes (the spec checks the row). `form` gets the ids and the
 * caller's own user row.
 */
export type ActionCell = {
  action: string;
  label: string;
  person: Person;
  form: (context: {
    ids: PageIds;
    self: { id: string; version: number; teamId: string | null; isStaffPlus: boolean };
    /** The Payments flag (ids.paymentsFlag) as it is now. */
    flag: { id: string; version: number; teamId: string; ownerId: string };
    marker: string;
  }) => Record<string, string>;
  message: string;
};

export const ACTION_CELLS: ActionCell[] = [
  {
    action: 'app/(portal)/admin/users/[userId]/actions.ts#updateUserAction', label: 'an engineer makes themself admin', person: 'engineer',
    form: ({ self }) => ({ userId: self.id, expectedVersion: String(self.version), role: 'admin', isActive: 'on', teamId: self.teamId ?? '' }),
    message: 'Only administrators can do this.',
  },
  {
    action: 'app/(portal)/admin/users/[userId]/actions.ts#updateUserAction', label: 'a manager makes themself admin', person: 'manager',
    form: ({ self }) => ({ userId: self.id, expectedVersion: String(self.version), role: 'admin', isActive: 'on', teamId: self.teamId ?? '' }),
    message: 'Only administrators can do this.',
  },
  {
    action: 'app/(portal)/calendar/holidays/actions.ts#createHolidayAction', label: 'an engineer adds a holiday', person: 'engineer',
    form: ({ marker }) => ({ date: '2031-01-02', name: marker }),
    message: 'Only engineering managers and administrators edit the freeze calendar.',
  },
  {
    action: 'app/(portal)/calendar/holidays/actions.ts#createHolidayAction', label: 'the auditor adds a holiday', person: 'auditor',
    form: ({ marker }) => ({ date: '2031-01-03', name: marker }),
    message: 'Only engineering managers and administrators edit the freeze calendar.',
  },
  {
    action: 'app/(portal)/calendar/freezes/new/actions.ts#createDeclaredFreezeAction', label: 'an engineer declares a freeze', person: 'engineer',
    form: ({ marker }) => ({ reason: marker, startsAt: '2031-02-03T10:00', endsAt: '2031-02-03T12:00' }),
    message: 'Only engineering managers and administrators edit the freeze calendar.',
  },
  {
    action: 'app/(portal)/admin/tokens/actions.ts#createServiceTokenAction', label: 'a manager mints a service token', person: 'manager',
    form: ({ marker }) => ({ name: marker, scopes: 'gate:check' }),
    message: 'Only admins create service tokens.',
  },
  // Own versus other team: a Staff+ engineer of Platform edits a Payments flag (canEditFlag).
  {
    action: 'app/(portal)/flags/[flagId]/edit/actions.ts#updateFlagAction', label: 'a Staff+ engineer of another team edits a Payments flag', person: 'staffPlus',
    form: ({ flag, marker }) => ({ flagId: flag.id, expectedVersion: String(flag.version), teamId: flag.teamId, type: 'release', ownerId: flag.ownerId, purpose: marker, featureId: '', rolloutPercent: '0' }),
    message: 'Only the flag’s owner, its team and managers edit it.',
  },
];
