// Whether production is frozen now, for the banner on every portal page (CTRL-012.2).
import { z } from 'zod';
import { db } from '@/lib/server/db';
import { productionFreezeStatus, type ProductionFreezeStatus } from '@/lib/policy/freeze-calendar';
import { ZWeeklyWindows } from '@/lib/policy/policy-settings';
import { ZBlockingIncidentRow, ZInstantText, blockingIncidentsJson, calendarReadRange } from '@/lib/server/calendar/freeze-state-sql';

/** Parsed, so that a row the banner does not understand reads as "unavailable", never as "open". */
const ZBannerState = z.object({
  policy: z.object({ timeZone: z.string(), weeklyWindows: ZWeeklyWindows }),
  environments: z.array(z.object({ id: z.string(), isGated: z.boolean() })),
  holidays: z.array(z.object({ date: z.iso.date(), name: z.string() })),
  declaredFreezes: z.array(z.object({
    id: z.string(), reason: z.string(), startsAt: ZInstantText, endsAt: ZInstantText,
    serviceIds: z.array(z.string()), serviceNames: z.array(z.string()), environmentIds: z.array(z.string()),
  })),
  incidents: z.array(ZBlockingIncidentRow),
});

/**
 * Production's freeze status at `at`. Everything is read in ONE statement (one round trip, one
 * snapshot): the banner renders on every portal page, and each query costs this process CPU (STACK.md).
 */
export async function readProductionFreezeStatus(at: Date): Promise<ProductionFreezeStatus> {
  // As far ahead as the gate reads, so the banner and a gate check name the same opening.
  const { holidaysFrom, holidaysTo, horizon } = calendarReadRange(at);
  const rows = await db.$queryRaw<{ state: unknown }[]>`
    SELECT json_build_object(
      'policy', (SELECT json_build_object('timeZone', p.time_zone, 'weeklyWindows', p.weekly_windows) FROM policy_settings p ORDER BY p.version DESC LIMIT 1),
      'environments', COALESCE((SELECT json_agg(json_build_object('id', e.id, 'isGated', e.is_gated)) FROM environment e WHERE e.is_production), '[]'),
      'holidays', COALESCE((SELECT json_agg(json_build_object('date', to_char(h.date, 'YYYY-MM-DD'), 'name', h.name)) FROM holiday h
          WHERE h.date BETWEEN ${holidaysFrom}::date AND ${holidaysTo}::date), '[]'),
      'declaredFreezes', COALESCE((SELECT json_agg(json_build_object('id', f.id, 'reason', f.reason, 'startsAt', f.starts_at, 'endsAt', f.ends_at,
            'serviceIds', COALESCE((SELECT json_agg(s.id ORDER BY s.name) FROM declared_freeze_service fs JOIN service s ON s.id = fs.service_id WHERE fs.declared_freeze_id = f.id), '[]'),
            'serviceNames', COALESCE((SELECT json_agg(s.name ORDER BY s.name) FROM declared_freeze_service fs JOIN service s ON s.id = fs.service_id WHERE fs.declared_freeze_id = f.id), '[]'),
            'environmentIds', COALESCE((SELECT json_agg(fe.environment_id) FROM declared_freeze_environment fe WHERE fe.declared_freeze_id = f.id), '[]')))
          FROM declared_freeze f WHERE f.starts_at < ${horizon} AND f.ends_at > ${at}), '[]'),
      'incidents', ${blockingIncidentsJson(at)}
    ) AS state`;
  const raw = rows[0]?.state;
  const state = ZBannerState.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);
  return productionFreezeStatus(at, {
    timeZone: state.policy.timeZone,
    weeklyWindows: state.policy.weeklyWindows,
    holidays: state.holidays,
    declaredFreezes: state.declaredFreezes,
    incidents: state.incidents.map((incident) => ({ ...incident, reference: `INC-${incident.number}` })),
    productionEnvironments: state.environments,
  });
}

/**
 * Production's freeze status for the banner, or null when it cannot be read. A failure never reads as
 * "open" and never breaks the page: the banner is information, and the gate fails closed on its own.
 */
export async function freezeStatusForBanner(at: Date): Promise<ProductionFreezeStatus | null> {
  try {
    return await readProductionFreezeStatus(at);
  } catch (error) {
    console.error('[freeze-banner] could not read the freeze status', error);
    return null;
  }
}
