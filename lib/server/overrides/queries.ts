import type { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { DomainError } from '@/lib/server/errors';
import { policySettingsInForce } from '@/lib/server/policy-settings/queries';
import { canViewChange, type Actor } from '@/lib/policy/permissions';
import { OVERRIDABLE_STATUSES, overrideGrantDecision, overrideState, revokeRefusal, type GrantDecision, type OverrideState } from '@/lib/policy/override-rules';

const PERSON = { select: { id: true, name: true, email: true } } as const;

const OVERRIDE_SELECT = {
  id: true, changeRequestId: true, justification: true, grantedAt: true, expiresAt: true, revokedAt: true, revocationReason: true, grantedById: true,
  grantedBy: PERSON,
  revokedBy: PERSON,
  incident: { select: { id: true, number: true, title: true, severity: true } },
  exceptions: { select: { id: true, requestedBy: PERSON }, take: 1 },
} satisfies Prisma.FreezeOverrideSelect;

type OverrideRow = Prisma.FreezeOverrideGetPayload<{ select: typeof OVERRIDE_SELECT }>;

export type ChangeOverride = Omit<OverrideRow, 'exceptions'> & {
  state: OverrideState;
  /** Its exceptions-log entry and who asked for it. */
  exceptionId: string | null;
  requestedBy: OverrideRow['grantedBy'] | null;
};

function withState({ exceptions, ...row }: OverrideRow, at: Date): ChangeOverride {
  const exception = exceptions[0] ?? null;
  return { ...row, state: overrideState(row, at), exceptionId: exception?.id ?? null, requestedBy: exception?.requestedBy ?? null };
}

async function visibleChange(viewer: Actor | null, changeId: string) {
  const change = await db.changeRequest.findUnique({
    where: { id: changeId },
    select: {
      id: true, status: true, authorId: true, teamId: true,
      coAuthors: { select: { userId: true } },
      incidents: { where: { link: 'fixes' }, select: { incident: { select: { id: true, number: true, commanderId: true, severity: true, startedAt: true, resolvedAt: true } } } },
    },
  });
  // Another team's draft is answered like a missing change.
  if (!change || !canViewChange(viewer, change)) throw new DomainError('NOT_FOUND', 'No such change request.');
  return change;
}

/** Every override of a change the viewer may see, newest grant first, with where each stands at `at`. */
export async function listChangeOverrides(viewer: Actor | null, changeId: string, at: Date): Promise<ChangeOverride[]> {
  await visibleChange(viewer, changeId);
  const rows = await db.freezeOverride.findMany({ where: { changeRequestId: changeId }, orderBy: [{ grantedAt: 'desc' }, { id: 'desc' }], select: OVERRIDE_SELECT });
  return rows.map((row) => withState(row, at));
}

/** One override of a change, as the API answers after a grant or revocation. */
export async function getChangeOverride(viewer: Actor | null, changeId: string, overrideId: string, at: Date): Promise<ChangeOverride> {
  await visibleChange(viewer, changeId);
  const row = await db.freezeOverride.findFirst({ where: { id: overrideId, changeRequestId: changeId }, select: OVERRIDE_SELECT });
  if (!row) throw new DomainError('NOT_FOUND', 'No such override on this change.');
  return withState(row, at);
}

export type OverridePanel = {
  /** The override in force now, if any (at most one: a grant supersedes the previous one). */
  current: (ChangeOverride & { canRevoke: boolean }) | null;
  /** Every other override, newest first. */
  history: ChangeOverride[];
  /** Whether the viewer may grant one now, and which kind, or why not. */
  grant: GrantDecision;
  /** `INC-n` of the incident a grant by this viewer would also lift, if any. */
  grantIncidentReference: string | null;
  /** Whether the change's status lets it get an override at all (not for drafts, cancelled or closed changes). */
  isOverridable: boolean;
  maxHours: number;
  timeZone: string;
  /** Who may be named as the requester (active people), when the viewer may grant. */
  requesters: { id: string; name: string }[];
  authorId: string;
};

/** What the change page's override panel shows to this viewer at `at`. */
export async function getOverridePanel(viewer: Actor, changeId: string, at: Date): Promise<OverridePanel> {
  const [change, policy] = await Promise.all([visibleChange(viewer, changeId), policySettingsInForce()]);
  const fixed = change.incidents.map(({ incident: { number, ...incident } }) => ({ ...incident, reference: `INC-${number}` }));
  const grant = overrideGrantDecision(viewer, { status: change.status, authorId: change.authorId, coAuthorIds: change.coAuthors.map((row) => row.userId) }, fixed, at);
  const [overrides, people] = await Promise.all([
    listChangeOverrides(viewer, changeId, at),
    grant.allowed
      ? db.user.findMany({ where: { isActive: true, role: { not: 'auditor' }, id: { not: viewer.id } }, orderBy: [{ name: 'asc' }, { email: 'asc' }], select: { id: true, name: true, email: true }, take: 500 })
      : Promise.resolve([]),
  ]);
  const current = overrides.find((override) => override.state === 'in-force') ?? null;
  return {
    current: current && { ...current, canRevoke: revokeRefusal(viewer, current) === null },
    history: overrides.filter((override) => override !== current),
    grant,
    grantIncidentReference: grant.allowed ? (fixed.find((incident) => incident.id === grant.incidentId)?.reference ?? null) : null,
    isOverridable: OVERRIDABLE_STATUSES.includes(change.status),
    maxHours: policy.overrideMaxHours,
    timeZone: policy.timeZone,
    requesters: people.map((person) => ({ id: person.id, name: person.name ? `${person.name} (${person.email})` : person.email })),
    authorId: change.authorId,
  };
}
