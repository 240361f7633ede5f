// The reference data the scale history hangs on: scale teams with their services and people (created
// idempotently, by slug and email), the environments and the policy settings in force (read, never
// created: the demo seed owns them).
import { Prisma } from '@/lib/generated/prisma/client';
import type { Db } from '@/lib/server/db';
import { ZWeeklyWindows, weeklyWindowSpan } from '@/lib/policy/policy-settings';

/** Something the database lacks before scale data can be generated; the message says what to do. */
export class ScaleDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaleDataError';
  }
}

export const SERVICES_PER_TEAM = 4;
/** Each team's people by slot: 0–4 engineers, 5–6 Staff+ engineers, 7 its manager. */
export const USERS_PER_TEAM = 8;
export const ENGINEER_SLOTS = 5;
export const STAFF_SLOTS = [5, 6] as const;
export const MANAGER_SLOT = 7;
export const SCALE_EMAIL_DOMAIN = 'scale.changeboard.test';

export function teamSlug(team: number): string {
  return `scale-team-${String(team + 1).padStart(2, '0')}`;
}

/** A weekly freeze window as minutes of the local week (from Sunday 00:00) for one class it holds. */
export type WindowForClass = { changeClass: string; startMinute: number; lengthMinutes: number };

export type ScaleReference = {
  teams: { ids: string[]; slugs: string[] };
  /** Index `team * SERVICES_PER_TEAM + k`. */
  services: { ids: string[]; slugs: string[] };
  /** Index `team * USERS_PER_TEAM + slot`. */
  userIds: string[];
  productionId: string;
  stagingId: string;
  policy: { version: number; timeZone: string; emergencyReviewHours: number; gateAllowValidMinutes: number; windows: WindowForClass[] };
  /** uuidv7() exists from PostgreSQL 18; older servers get random UUIDs. */
  hasUuidV7: boolean;
  /** Rows created now (0 when the reference data already existed). */
  created: { team: number; service: number; user: number };
};

type EnvironmentRow = { id: string; slug: string };
type PolicyRow = { version: number; time_zone: string; weekly_windows: unknown; emergency_review_hours: number; gate_allow_valid_minutes: number };

/** Reads what must already exist; throws ScaleDataError (before anything is written) when it does not. */
async function readPrerequisites(db: Db) {
  const environments = await db.$queryRaw<EnvironmentRow[]>`SELECT id::text AS id, slug FROM environment WHERE slug IN ('production', 'staging')`;
  const productionId = environments.find((row) => row.slug === 'production')?.id;
  const stagingId = environments.find((row) => row.slug === 'staging')?.id;
  if (!productionId || !stagingId) {
    const missing = [productionId ? null : 'production', stagingId ? null : 'staging'].filter(Boolean).join(' and ');
    throw new ScaleDataError(`The environment${missing.includes(' and ') ? 's' : ''} ${missing} ${missing.includes(' and ') ? 'do' : 'does'} not exist. Run the demo seed first (npm run db:seed, or start the dev server with npm run dev), then run this again.`);
  }
  const [policy] = await db.$queryRaw<PolicyRow[]>`
    SELECT version, time_zone, weekly_windows, emergency_review_hours, gate_allow_valid_minutes FROM policy_settings ORDER BY version DESC LIMIT 1`;
  if (!policy) throw new ScaleDataError('No policy settings exist: apply the migrations first (npm run migrate:deploy).');
  const windows = ZWeeklyWindows.safeParse(policy.weekly_windows);
  if (!windows.success) throw new ScaleDataError(`The weekly windows of policy version ${policy.version} cannot be read; fix the policy settings first.`);
  const [server] = await db.$queryRaw<{ version: number }[]>`SELECT current_setting('server_version_num')::int AS version`;
  return {
    productionId, stagingId,
    policy: {
      version: policy.version, timeZone: policy.time_zone, emergencyReviewHours: policy.emergency_review_hours, gateAllowValidMinutes: policy.gate_allow_valid_minutes,
      windows: windows.data.flatMap((window) => {
        const { start, length } = weeklyWindowSpan(window);
        return window.classes.map((changeClass) => ({ changeClass, startMinute: start, lengthMinutes: length }));
      }),
    },
    hasUuidV7: (server?.version ?? 0) >= 180_000,
  };
}

/** A team the history is spread over: created with its services and people when missing. */
export type ScaleTeam = { slug: string; name: string };

/** The default teams of `npm run seed:scale`: scale-team-01, scale-team-02… */
export function scaleTeams(count: number): ScaleTeam[] {
  return Array.from({ length: count }, (_, team) => ({ slug: teamSlug(team), name: `Scale team ${String(team + 1).padStart(2, '0')}` }));
}

function serviceRows(teams: readonly ScaleTeam[]) {
  return teams.flatMap((team) => Array.from({ length: SERVICES_PER_TEAM }, (_, k) => ({
    teamSlug: team.slug, slug: `${team.slug}-svc-${k + 1}`, name: `${team.name} service ${k + 1}`,
  })));
}

function userRows(teams: readonly ScaleTeam[]) {
  return teams.flatMap((team) => Array.from({ length: USERS_PER_TEAM }, (_, slot) => {
    const isStaff = (STAFF_SLOTS as readonly number[]).includes(slot);
    const isManager = slot === MANAGER_SLOT;
    const local = isManager ? 'manager' : isStaff ? `staff-${slot - ENGINEER_SLOTS + 1}` : `engineer-${slot + 1}`;
    const label = isManager ? 'manager' : isStaff ? `Staff+ engineer ${slot - ENGINEER_SLOTS + 1}` : `engineer ${slot + 1}`;
    return { teamSlug: team.slug, email: `${team.slug}-${local}@${SCALE_EMAIL_DOMAIN}`, name: `${team.name} ${label}`, role: isManager ? 'manager' : 'engineer', isStaffPlus: isStaff };
  }));
}

/**
 * Makes sure the scale teams, services and people exist (one transaction, idempotent by slug and
 * email) and returns everything the generator indexes into. People have no password: they never sign in.
 */
export async function ensureReferenceData(db: Db, teams: readonly ScaleTeam[]): Promise<ScaleReference> {
  const prerequisites = await readPrerequisites(db);
  const newId = prerequisites.hasUuidV7 ? Prisma.sql`uuidv7()` : Prisma.sql`gen_random_uuid()`;
  const teamList = teams;
  const services = serviceRows(teams);
  const users = userRows(teams);
  return db.$transaction(async (tx) => {
    const team = await tx.$executeRaw`
      INSERT INTO team (id, slug, name)
      SELECT ${newId}, t.slug, t.name FROM unnest(${teamList.map((row) => row.slug)}::text[], ${teamList.map((row) => row.name)}::text[]) WITH ORDINALITY AS t(slug, name, n)
      ORDER BY t.n
      ON CONFLICT (slug) DO NOTHING`;
    const service = await tx.$executeRaw`
      INSERT INTO service (id, slug, name, team_id)
      SELECT ${newId}, s.slug, s.name, team.id
      FROM unnest(${services.map((row) => row.teamSlug)}::text[], ${services.map((row) => row.slug)}::text[], ${services.map((row) => row.name)}::text[]) WITH ORDINALITY AS s(team_slug, slug, name, n)
      JOIN team ON team.slug = s.team_slug
      ORDER BY s.n
      ON CONFLICT (slug) DO NOTHING`;
    const user = await tx.$executeRaw`
      INSERT INTO "user" (id, email, name, role, is_staff_plus, is_active, team_id, updated_at)
      SELECT ${newId}, u.email, u.name, u.role::"Role", u.is_staff_plus, true, team.id, now()
      FROM unnest(${users.map((row) => row.teamSlug)}::text[], ${users.map((row) => row.email)}::text[], ${users.map((row) => row.name)}::text[],
                  ${users.map((row) => row.role)}::text[], ${users.map((row) => String(row.isStaffPlus))}::text[]::boolean[]) WITH ORDINALITY AS u(team_slug, email, name, role, is_staff_plus, n)
      JOIN team ON team.slug = u.team_slug
      ORDER BY u.n
      ON CONFLICT (email) DO NOTHING`;

    const teamIds = await tx.$queryRaw<{ id: string }[]>`
      SELECT team.id::text AS id FROM unnest(${teamList.map((row) => row.slug)}::text[]) WITH ORDINALITY AS t(slug, n) JOIN team ON team.slug = t.slug ORDER BY t.n`;
    const serviceIds = await tx.$queryRaw<{ id: string }[]>`
      SELECT service.id::text AS id FROM unnest(${services.map((row) => row.slug)}::text[]) WITH ORDINALITY AS s(slug, n) JOIN service ON service.slug = s.slug ORDER BY s.n`;
    const userIds = await tx.$queryRaw<{ id: string }[]>`
      SELECT u.id::text AS id FROM unnest(${users.map((row) => row.email)}::text[]) WITH ORDINALITY AS e(email, n) JOIN "user" u ON u.email = e.email ORDER BY e.n`;
    if (teamIds.length !== teamList.length || serviceIds.length !== services.length || userIds.length !== users.length) {
      throw new ScaleDataError('The scale teams, services or people could not be read back; is another run creating them right now?');
    }
    return {
      teams: { ids: teamIds.map((row) => row.id), slugs: teamList.map((row) => row.slug) },
      services: { ids: serviceIds.map((row) => row.id), slugs: services.map((row) => row.slug) },
      userIds: userIds.map((row) => row.id),
      productionId: prerequisites.productionId,
      stagingId: prerequisites.stagingId,
      policy: prerequisites.policy,
      hasUuidV7: prerequisites.hasUuidV7,
      created: { team, service, user },
    };
  });
}
