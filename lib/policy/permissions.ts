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

/** Who is behind a change, as the migration-plan rules read it. */
export type MigrationPlanOwnership = { authorId: string; coAuthorIds: readonly string[]; teamId: string };

/**
 * Who may add, edit, run or delete a change's migration plans (CTRL-012.3): its author and
 * co-authors, engineers of its team, and managers. Auditors only read.
 * Assumption: the change's team runs its migrations, so a team mate may record a step for an absent
 * author; administrators administer the portal and are not owners of changes as such.
 */
export function canManageMigrationPlans(actor: Actor, change: MigrationPlanOwnership): boolean {
  if (!actor.isActive || isReadOnly(actor)) return false;
  if (actor.role === 'manager') return true;
  return change.authorId === actor.id || change.coAuthorIds.includes(actor.id) || (actor.teamId !== null && actor.teamId === change.teamId);
}

/**
 * Company holidays and declared freezes (CTRL-012.2) are kept by engineering managers and admins;
 * everyone else reads the freeze calendar.
 */
export function canEditFreezeCalendar(actor: Actor): boolean {
  return actor.isActive && (actor.role === 'manager' || actor.role === 'admin');
}

/** Who is in charge of an incident, as the incident rules read it. */
export type IncidentCommand = { commanderId: string };

/**
 * Any active user who is not read-only declares an incident (CTRL-012.2): whoever is on call is
 * usually an engineer, and declaring must not wait for a manager.
 */
export function canDeclareIncident(actor: Actor): boolean {
  return actor.isActive && !isReadOnly(actor);
}

/**
 * The incident's commander (IC), engineering managers and admins edit, resolve and reopen it;
 * everyone else reads it.
 * Assumption: the IC's authority comes from the per-incident assignment, so it ends when the
 * command is handed over; a commander since demoted to auditor only reads.
 */
export function canManageIncident(actor: Actor, incident: IncidentCommand): boolean {
  if (!actor.isActive || isReadOnly(actor)) return false;
  return actor.role === 'manager' || actor.role === 'admin' || actor.id === incident.commanderId;
}

/** Who may be named incident commander: any active person who is not read-only. */
export function canCommandIncident(person: Pick<Actor, 'role' | 'isActive'>): boolean {
  return person.isActive && person.role !== 'auditor';
}

/**
 * Who may bulk-import feature flags (CTRL-012.4): the people of a team, for its flags only. Auditors
 * never import.
 * Assumption: a team's flags belong to the people of the team, whatever their role: an administrator
 * who belongs to a team keeps its flags like any engineer of it, and the admin role alone grants none.
 * An import writes many flags at once, so even managers import only for their own team.
 */
export function canImportFlagsFor(actor: Actor, teamId: string): boolean {
  return actor.isActive && !isReadOnly(actor) && actor.teamId !== null && actor.teamId === teamId;
}

/** Whether the import page and endpoint are open to the person at all: some team's flags are theirs. */
export function canImportFlags(actor: Actor): boolean {
  return actor.teamId !== null && canImportFlagsFor(actor, actor.teamId);
}

/** Who answers for a flag, as the flag rules read it. */
export type FlagOwnership = { teamId: string; ownerId: string };

/**
 * Who may add a flag to a team's inventory (CTRL-012.4): the people of that team (an administrator
 * among them too, as with imports) and managers. Auditors only read.
 */
export function canCreateFlagFor(actor: Actor, teamId: string): boolean {
  if (!actor.isActive || isReadOnly(actor)) return false;
  return actor.role === 'manager' || (actor.teamId !== null && actor.teamId === teamId);
}

/** Who may edit or archive a flag: its team, its owner and managers. Auditors only read. */
export function canEditFlag(actor: Actor, flag: FlagOwnership): boolean {
  if (!actor.isActive || isReadOnly(actor)) return false;
  return actor.role === 'manager' || actor.id === flag.ownerId || (actor.teamId !== null && actor.teamId === flag.teamId);
}
