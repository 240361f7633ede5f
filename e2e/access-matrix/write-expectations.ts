// The access matrix's role-gated writes (issue #9): each sent by every demo person's token with a
// body that passes the schema, so that the role and team rules answer. The generic cells of
// `expectations.ts` send `{}` and stop at validation. Checked by `e2e/access-matrix-writes.spec.ts`.
import type { Person } from './expectations';

export type WriteRow = {
  operation: 'POST /changes' | 'POST /changes/{id}/approvals' | 'POST /changes/{id}/overrides' | 'POST /incidents' | 'POST /flags' | 'POST /migrations' | 'POST /deployments' | 'POST /config-changes';
  /** What each cell writes to: a fresh record per cell, so no cell depends on another. */
  target: string;
  /** The rule, as lib/policy names it. */
  rule: string;
  expected: Record<Person, 201 | 403>;
};

export const WRITE_ROWS: WriteRow[] = [
  {
    operation: 'POST /changes',
    target: 'a standard change of Payments',
    rule: 'canFileChange: everyone but auditors, for any team',
    expected: { engineer: 201, staffPlus: 201, manager: 201, admin: 201, auditor: 403 },
  },
  {
    operation: 'POST /changes/{id}/approvals',
    target: 'a submitted normal change filed by engineer1',
    rule: 'approvalRefusal: engineers and managers review, never the change\'s author (separation of duties); admins and auditors do not review',
    expected: { engineer: 403, staffPlus: 201, manager: 201, admin: 403, auditor: 403 },
  },
  {
    operation: 'POST /changes/{id}/overrides',
    target: 'an approved standard change filed by engineer1',
    rule: 'overrideGrantDecision: engineering managers, or the commander of an active SEV1/SEV2 incident the change fixes',
    expected: { engineer: 403, staffPlus: 403, manager: 201, admin: 403, auditor: 403 },
  },
  {
    operation: 'POST /incidents',
    target: 'a SEV3 incident, commanded by the caller',
    rule: 'canDeclareIncident: everyone but auditors',
    expected: { engineer: 201, staffPlus: 201, manager: 201, admin: 201, auditor: 403 },
  },
  {
    operation: 'POST /flags',
    target: 'a flag of Payments owned by engineer1',
    rule: 'canCreateFlagFor: the people of the team (engineer1, manager1) and managers; staff1 and the admin are in Platform',
    expected: { engineer: 201, staffPlus: 403, manager: 201, admin: 403, auditor: 403 },
  },
  {
    operation: 'POST /migrations',
    target: 'a migration plan for a submitted change filed by engineer1',
    rule: 'canManageMigrationPlans: the change\'s author, co-authors and team, and managers',
    expected: { engineer: 201, staffPlus: 403, manager: 201, admin: 403, auditor: 403 },
  },
  {
    operation: 'POST /deployments',
    target: 'a succeeded staging deploy of an approved change filed by engineer1',
    rule: 'recordDeployment: engineers, managers, admins and pipelines; auditors only read',
    expected: { engineer: 201, staffPlus: 201, manager: 201, admin: 201, auditor: 403 },
  },
  {
    operation: 'POST /config-changes',
    target: 'an environment-variable change on staging',
    rule: 'canFileChange: everyone but auditors',
    expected: { engineer: 201, staffPlus: 201, manager: 201, admin: 201, auditor: 403 },
  },
];
