// Freeze overrides — POL-012 CTRL-012.2 ("Emergency exceptions: IC or Engineering Manager can override
// with documented justification") and the exception path, step 2. Pure.
// Who may grant an override for which change at which instant, what kind it is, how long it may
// last, and who may revoke it. Whether an override then lets a deploy through is freeze-window.ts's.
import type { ChangeStatus } from '@/lib/policy/change-class';
import type { PolicyReason } from '@/lib/policy/decision';
import { BLOCKING_SEVERITIES, type IncidentSeverity } from '@/lib/policy/freeze-window';
import { isReadOnly, type Actor } from '@/lib/policy/permissions';

const HOUR_MS = 3_600_000;

/** Fewer characters than this is no documented justification (the policy asks for one). */
export const MIN_JUSTIFICATION_LENGTH = 20;
export const MAX_JUSTIFICATION_LENGTH = 2_000;
/** Default of the policy settings' `overrideMaxHours`. */
export const DEFAULT_OVERRIDE_MAX_HOURS = 24;

/**
 * Assumption: only a change that may still be deployed can be overridden: submitted (the override can
 * be granted while approvals are still coming, the gate keeps asking for them), approved, and deployed
 * (a follow-up deploy to another environment). Drafts have not been asked for; rejected, cancelled and
 * closed changes do not deploy.
 */
export const OVERRIDABLE_STATUSES: readonly ChangeStatus[] = ['submitted', 'approved', 'deployed'];

export type OverrideSubject = {
  status: ChangeStatus;
  authorId: string;
  coAuthorIds: readonly string[];
};

/** An incident the change is linked to as its fix, with its commander. */
export type FixedIncident = {
  id: string;
  /** Shown in reasons, e.g. `INC-12`; the id when absent. */
  reference?: string;
  commanderId: string;
  severity: IncidentSeverity;
  /** Active over the half-open interval [startedAt, resolvedAt). */
  startedAt: Date;
  resolvedAt: Date | null;
};

export const GRANT_REFUSAL_CODES = ['SERVICE_TOKEN', 'INACTIVE', 'READ_ONLY', 'OWN_CHANGE', 'CHANGE_NOT_OVERRIDABLE', 'INCIDENT_NOT_ACTIVE', 'NOT_MANAGER_OR_COMMANDER'] as const;
export type GrantRefusalCode = (typeof GRANT_REFUSAL_CODES)[number];

export type GrantDecision =
  /** `incidentId` is set when the grantor commands that incident: the override then also lifts its block. */
  | { allowed: true; incidentId: string | null }
  | { allowed: false; code: GrantRefusalCode; reason: PolicyReason };

const reason = (code: string, message: string): PolicyReason => ({ control: 'CTRL-012.2', code, message });
const refuse = (code: GrantRefusalCode, message: string): GrantDecision => ({ allowed: false, code, reason: reason(code, message) });

function isActiveAt(incident: FixedIncident, at: Date): boolean {
  return incident.startedAt <= at && (incident.resolvedAt === null || at < incident.resolvedAt);
}

const SEVERITY_RANK: Record<IncidentSeverity, number> = { sev1: 1, sev2: 2, sev3: 3, sev4: 4 };

/**
 * Whether `actor` may grant an override for `change` at `at`, and which kind.
 * `fixedIncidents` are the incidents the change is linked to as their fix (a `caused` link lets no one through).
 */
export function overrideGrantDecision(actor: Actor | null, change: OverrideSubject, fixedIncidents: readonly FixedIncident[], at: Date): GrantDecision {
  // A null actor is a service token: an override needs a person who answers for it.
  if (!actor) return refuse('SERVICE_TOKEN', 'A service token acts for no person, so it cannot grant an override. Use a personal token.');
  if (!actor.isActive) return refuse('INACTIVE', 'Your account is disabled.');
  if (isReadOnly(actor)) return refuse('READ_ONLY', 'Auditors have read-only access.');
  // Nobody waives a control for their own work: the same four-eyes rule as approvals.
  if (actor.id === change.authorId || change.coAuthorIds.includes(actor.id)) return refuse('OWN_CHANGE', 'Nobody grants an override for a change they authored or co-authored.');
  if (!OVERRIDABLE_STATUSES.includes(change.status)) return refuse('CHANGE_NOT_OVERRIDABLE', `A ${change.status} change cannot get an override: only submitted, approved or deployed changes can.`);

  const commanded = fixedIncidents.filter((incident) => incident.commanderId === actor.id);
  // Assumption: the commander's authority lasts while their SEV1/SEV2 incident is active; a SEV3/4 blocks nothing, so it grants nothing.
  const active = commanded
    .filter((incident) => BLOCKING_SEVERITIES.includes(incident.severity) && isActiveAt(incident, at))
    // Assumption: commanding several incidents this change fixes, the override lifts the most severe, earliest one's block.
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.startedAt.getTime() - b.startedAt.getTime());
  if (active[0]) return { allowed: true, incidentId: active[0].id };
  // A manager who is not the commander grants a calendar-only override: the incident's block stays for its IC to lift.
  if (actor.role === 'manager') return { allowed: true, incidentId: null };
  if (commanded.length > 0) {
    const names = commanded.map((incident) => incident.reference ?? incident.id).join(', ');
    return refuse('INCIDENT_NOT_ACTIVE', `You command ${names}, but no active SEV1/SEV2 incident: an incident commander grants overrides only while their incident is active.`);
  }
  return refuse('NOT_MANAGER_OR_COMMANDER', 'Only an engineering manager, or the commander of an active SEV1/SEV2 incident this change fixes, grants an override.');
}

/** The latest expiry allowed for an override granted at `grantedAt`. */
export function latestOverrideExpiry(grantedAt: Date, maxHours: number): Date {
  return new Date(grantedAt.getTime() + maxHours * HOUR_MS);
}

/**
 * Why an expiry is out of bounds, or null. An override lasts over (grantedAt, grantedAt + maxHours]:
 * it must end after it starts, and the policy caps how long a freeze can be waived.
 */
export function overrideExpiryProblem(grantedAt: Date, expiresAt: Date, maxHours: number): PolicyReason | null {
  if (Number.isNaN(expiresAt.getTime())) return reason('EXPIRY_INVALID', 'Enter a valid expiry.');
  if (expiresAt <= grantedAt) return reason('EXPIRY_NOT_FUTURE', 'The expiry must be in the future.');
  if (expiresAt > latestOverrideExpiry(grantedAt, maxHours)) return reason('EXPIRY_TOO_LATE', `An override lasts at most ${maxHours} hours (policy settings).`);
  return null;
}

/**
 * Why a justification does not document the override, or null.
 * Assumption: "documented justification" means a sentence a reader can act on: at least
 * MIN_JUSTIFICATION_LENGTH characters once spaces are collapsed, with at least three words.
 */
export function justificationProblem(text: string): string | null {
  const normalized = text.trim().replace(/\s+/g, ' ');
  if (normalized.length < MIN_JUSTIFICATION_LENGTH) return `Explain why in at least ${MIN_JUSTIFICATION_LENGTH} characters.`;
  if (normalized.length > MAX_JUSTIFICATION_LENGTH) return `Keep it under ${MAX_JUSTIFICATION_LENGTH} characters.`;
  if ((normalized.match(/\p{L}{2,}/gu) ?? []).length < 3) return 'Explain why in words (a short sentence).';
  return null;
}

/** Why `requesterId` cannot be the one who asked for an override `grantorId` approves, or null. */
export function requesterProblem(requesterId: string, grantorId: string): string | null {
  // Assumption: an exception is asked for by one person and approved by another, like any approval.
  return requesterId === grantorId ? 'Name who asked for the override: the grantor approves it and cannot also be the requester.' : null;
}

export type OverridePeriod = { grantedAt: Date; expiresAt: Date; revokedAt: Date | null };
export type OverrideState = 'in-force' | 'expired' | 'revoked' | 'scheduled';

/** Where an override stands at `at`; in force over [grantedAt, min(expiresAt, revokedAt)), as the gate reads it. */
export function overrideState(override: OverridePeriod, at: Date): OverrideState {
  if (override.revokedAt && override.revokedAt <= at) return 'revoked';
  if (override.expiresAt <= at) return 'expired';
  return override.grantedAt <= at ? 'in-force' : 'scheduled';
}

export type RevokeRefusal = { code: 'SERVICE_TOKEN' | 'INACTIVE' | 'NOT_ALLOWED'; reason: PolicyReason };

/** Whether `actor` may revoke an override: its grantor, a manager or an admin. Returns the refusal, or null. */
export function revokeRefusal(actor: Actor | null, override: { grantedById: string }): RevokeRefusal | null {
  if (!actor) return { code: 'SERVICE_TOKEN', reason: reason('SERVICE_TOKEN', 'A service token acts for no person, so it cannot revoke an override. Use a personal token.') };
  if (!actor.isActive) return { code: 'INACTIVE', reason: reason('INACTIVE', 'Your account is disabled.') };
  if (actor.id === override.grantedById || actor.role === 'manager' || actor.role === 'admin') return null;
  return { code: 'NOT_ALLOWED', reason: reason('NOT_ALLOWED', 'Only the grantor, a manager or an admin revokes an override.') };
}
