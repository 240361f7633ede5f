// The drill-downs of the KPI dashboard: exactly the records a number counts, read from the same record
// sets as the figures (kpi-record-sets.ts), a page at a time.
import { Prisma } from '@/lib/generated/prisma/client';
import { db } from '@/lib/server/db';
import { deployedChangesSet, executedMigrationsSet, leadTimeSet, staleFlagsSet, staleReadingTimes, unauthorizedSet } from '@/lib/server/kpis/kpi-record-sets';
import type { KpiScope } from '@/lib/server/kpis/kpi-scope';
import { CHANGE_CLASSES, changeReference, type ChangeClass } from '@/lib/policy/change-class';
import { DomainError } from '@/lib/server/errors';
import { KPI_RECORD_PARTS, formatDuration, type KpiId } from '@/lib/policy/kpis';
import type { PolicyReason } from '@/lib/policy/decision';

export const KPI_RECORDS_PAGE_SIZE = 50;

export type KpiRecord = {
  id: string;
  /** CHG-12, a flag key, a configuration change or migration title. */
  reference: string;
  title: string;
  href: string;
  /** The instant that places the record in the period (or the reading time for stale flags). */
  at: Date | null;
  changeClass: ChangeClass | null;
  /** Why it counts, in words. */
  detail: string;
  /** For a denominator list: whether the record is also in the numerator. */
  isCounted: boolean;
};

export type KpiRecordPage = { kpi: KpiId; part: string; bucket: number | null; total: number; page: number; pageSize: number; records: KpiRecord[] };

type Listing = { set: Prisma.Sql; where: Prisma.Sql; orderBy: Prisma.Sql; toRecord: (row: Record<string, unknown>) => KpiRecord };

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const instant = (value: unknown) => (value instanceof Date ? value : value ? new Date(String(value)) : null);
const classOf = (value: unknown) => ((CHANGE_CLASSES as readonly unknown[]).includes(value) ? (value as ChangeClass) : null);
const changeRecord = (row: Record<string, unknown>, detail: string, isCounted: boolean): KpiRecord => ({
  id: text(row.id), reference: changeReference(Number(row.number)), title: text(row.title), href: `/changes/${text(row.change_id ?? row.id)}`,
  at: instant(row.at), changeClass: classOf(row.change_class), detail, isCounted,
});

function listing(scope: KpiScope, kpi: KpiId, part: string, bucket: number | null): Listing {
  const inBucket = bucket === null ? Prisma.sql`TRUE` : Prisma.sql`bucket = ${bucket}`;
  switch (kpi) {
    case 'change-failure-rate':
      return {
        set: deployedChangesSet(scope),
        where: part === 'failed' ? Prisma.sql`${inBucket} AND (has_failed_deploy OR caused_incident)` : inBucket,
        orderBy: Prisma.sql`at DESC, id`,
        toRecord: (row) => {
          const failures = [row.has_failed_deploy ? 'a production deploy failed or was rolled back' : '', row.caused_incident ? 'an incident was attributed to it' : ''].filter(Boolean);
          const isCounted = failures.length > 0;
          return changeRecord(row, isCounted ? `Failed: ${failures.join('; ')}.` : 'Deployed without failure.', isCounted);
        },
      };
    case 'unauthorized-changes':
      return {
        set: unauthorizedSet(scope),
        where: part === 'all' ? inBucket : Prisma.sql`${inBucket} AND kind = ${part}`,
        orderBy: Prisma.sql`at DESC, id`,
        toRecord: (row) => {
          const reasons = (Array.isArray(row.reasons) ? row.reasons : []) as PolicyReason[];
          const detail = reasons.map((reason) => `${reason.control}: ${reason.message}`).join(' ');
          if (row.kind === 'config-change') {
            return { id: text(row.id), reference: 'Configuration change', title: text(row.title), href: `/config-changes/${text(row.id)}`, at: instant(row.at), changeClass: null, detail: `${text(row.detail)}: ${detail}`, isCounted: true };
          }
          return changeRecord(row, `${row.kind === 'deployment' ? 'Production deploy' : 'Emergency change'}: ${detail}`, true);
        },
      };
    case 'stale-flags': {
      // A stale flag count is a reading at a moment: the bucket's, else the period's last reading.
      const times = staleReadingTimes(scope);
      const reading = bucket ?? times.findLastIndex((time) => time !== null);
      return {
        set: staleFlagsSet(scope, reading),
        where: Prisma.sql`TRUE`,
        orderBy: Prisma.sql`expiry, key`,
        toRecord: (row) => ({
          id: text(row.id), reference: text(row.key), title: `${text(row.type)} flag`, href: `/flags/${text(row.id)}`, at: instant(row.read_at), changeClass: null,
          detail: `Expired ${instant(row.expiry)?.toISOString() ?? ''}`, isCounted: true,
        }),
      };
    }
    case 'migration-rollback-rate':
      return {
        set: executedMigrationsSet(scope),
        where: part === 'rolled-back' ? Prisma.sql`${inBucket} AND status = 'rolled_back'` : inBucket,
        orderBy: Prisma.sql`at DESC, id`,
        toRecord: (row) => ({
          id: text(row.id), reference: changeReference(Number(row.number)), title: text(row.title), href: `/migrations/${text(row.id)}`, at: instant(row.at),
          changeClass: classOf(row.change_class), detail: `${text(row.type).replaceAll('_', ' ')}: ${row.status === 'rolled_back' ? 'rolled back' : 'succeeded'}`,
          isCounted: row.status === 'rolled_back',
        }),
      };
    case 'lead-time':
      return {
        set: leadTimeSet(scope),
        where: part === 'all' ? Prisma.sql`${inBucket} AND seconds IS NOT NULL`
          : part === 'unmeasured' ? Prisma.sql`${inBucket} AND seconds IS NULL`
          : Prisma.sql`${inBucket} AND seconds IS NOT NULL AND change_class = ${part}`,
        orderBy: Prisma.sql`seconds DESC NULLS LAST, at DESC, id`,
        toRecord: (row) => changeRecord(row, row.seconds === null ? 'No pull request opening recorded before production.' : `Lead time ${formatDuration(Number(row.seconds))}`, row.seconds !== null),
      };
  }
}

/** One page of the records behind a KPI (or one bucket of its trend), newest or worst first. */
export async function listKpiRecords(scope: KpiScope, kpi: KpiId, options: { part?: string; bucket?: number | null; page?: number } = {}): Promise<KpiRecordPage> {
  const part = options.part ?? KPI_RECORD_PARTS[kpi][0]!;
  const bucket = options.bucket ?? null;
  const page = options.page ?? 1;
  const fieldErrors: Record<string, string[]> = {};
  if (!KPI_RECORD_PARTS[kpi].includes(part)) fieldErrors.part = [`Choose one of: ${KPI_RECORD_PARTS[kpi].join(', ')}.`];
  if (bucket !== null && !(Number.isInteger(bucket) && bucket >= 0 && bucket < scope.buckets.length)) fieldErrors.bucket = [`Choose a bucket from 0 to ${scope.buckets.length - 1}.`];
  if (!Number.isInteger(page) || page < 1) fieldErrors.page = ['Pages are counted from 1.'];
  if (Object.keys(fieldErrors).length) throw new DomainError('INVALID', 'The drill-down was not understood.', fieldErrors);
  const { set, where, orderBy, toRecord } = listing(scope, kpi, part, bucket);
  const [rows, [counted]] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM (${set}) AS records WHERE ${where} ORDER BY ${orderBy} LIMIT ${KPI_RECORDS_PAGE_SIZE} OFFSET ${(page - 1) * KPI_RECORDS_PAGE_SIZE}`),
    db.$queryRaw<{ total: number }[]>(Prisma.sql`SELECT count(*)::int AS total FROM (${set}) AS records WHERE ${where}`),
  ]);
  return { kpi, part, bucket, total: counted?.total ?? 0, page, pageSize: KPI_RECORDS_PAGE_SIZE, records: rows.map(toRecord) };
}
