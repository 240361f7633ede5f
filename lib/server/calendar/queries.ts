// Reads of the holiday and declared-freeze pages (everyone signed in reads the freeze calendar).
import { db } from '@/lib/server/db';
import { fromDbDate } from '@/lib/server/calendar/calendar-steps';

export async function listHolidays() {
  const rows = await db.holiday.findMany({ orderBy: { date: 'asc' }, select: { id: true, date: true, name: true } });
  return rows.map((row) => ({ ...row, date: fromDbDate(row.date) }));
}

export async function findHoliday(id: string) {
  const row = await db.holiday.findUnique({ where: { id }, select: { id: true, date: true, name: true, version: true } });
  return row && { ...row, date: fromDbDate(row.date) };
}

const FREEZE_SELECT = {
  id: true, reason: true, startsAt: true, endsAt: true, version: true,
  createdBy: { select: { name: true, email: true } },
  services: { select: { service: { select: { id: true, name: true } } } },
  environments: { select: { environment: { select: { id: true, name: true } } } },
} as const;

function freezeRow(row: NonNullable<Awaited<ReturnType<typeof findFreezeRow>>>) {
  const { services, environments, ...freeze } = row;
  return {
    ...freeze,
    services: services.map((link) => link.service).sort((a, b) => a.name.localeCompare(b.name)),
    environments: environments.map((link) => link.environment).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function findFreezeRow(id: string) {
  return db.declaredFreeze.findUnique({ where: { id }, select: FREEZE_SELECT });
}

/** Every declared freeze, by start. */
export async function listDeclaredFreezes() {
  const rows = await db.declaredFreeze.findMany({ orderBy: [{ startsAt: 'asc' }, { endsAt: 'asc' }], select: FREEZE_SELECT });
  return rows.map(freezeRow);
}

export async function findDeclaredFreeze(id: string) {
  const row = await findFreezeRow(id);
  return row && freezeRow(row);
}

export type DeclaredFreezeRow = Awaited<ReturnType<typeof listDeclaredFreezes>>[number];

/** The services and environments a freeze may be limited to. */
export async function freezeScopeOptions() {
  const [services, environments] = await Promise.all([
    db.service.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, team: { select: { name: true } } } }),
    db.environment.findMany({ orderBy: [{ isProduction: 'desc' }, { name: 'asc' }], select: { id: true, name: true } }),
  ]);
  return { services: services.map((service) => ({ id: service.id, name: service.name, hint: service.team.name })), environments };
}
