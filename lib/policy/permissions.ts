// Who may do what: roles and attributes only, reloaded from the database by the caller. Pure.

export const ROLES = ['engineer', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<Role, string> = {
  engineer: 'Engineer',
  manager: 'Engineering manager',
  auditor: 'Auditor (read-only)',
  admin: 'Administrator',
};

/** The person (or personal token) acting, as the database says now — never as a cookie claims. */
export type Actor = {
  id: string;
  role: Role;
  isStaffPlus: boolean;
  isActive: boolean;
  teamId: string | null;
  /** Set when the actor is a personal API token acting for its owner. */
  tokenId?: string | null;
};

export function isReadOnly(actor: Actor): boolean {
  return actor.role === 'auditor';
}

/** Engineers, managers and admins file changes; auditors only read. */
export function canFileChange(actor: Actor): boolean {
  return actor.isActive && !isReadOnly(actor);
}

export type ChangeVisibility = { status: string; authorId: string; teamId: string };

/**
 * Submitted changes are visible to every signed-in user; drafts only to their author and team.
 * A null viewer is a service token: it acts for no one, so it sees what everyone sees.
 */
export function canViewChange(actor: Actor | null, change: ChangeVisibility): boolean {
  if (change.status !== 'draft') return true;
  if (!actor) return false;
  return change.authorId === actor.id || (actor.teamId !== null && change.teamId === actor.teamId);
}

export function canAdminister(actor: Actor): boolean {
  return actor.isActive && actor.role === 'admin';
}

/** Any active user may hold personal tokens (they act with the owner's rights, nothing more). */
export function canManageOwnTokens(actor: Actor): boolean {
  return actor.isActive;
}

/** Service tokens carry pipeline scopes across teams, so only admins mint them. */
export function canManageServiceTokens(actor: Actor): boolean {
  return canAdminister(actor);
}

/** The whole trail names every record, drafts included, so it is for auditors and admins. */
export function canReadAuditTrail(actor: Actor): boolean {
  return actor.isActive && (actor.role === 'auditor' || actor.role === 'admin');
}
