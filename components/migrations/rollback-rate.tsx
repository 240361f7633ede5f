import { Badge } from '@/components/ui/badge';
import { ROLLBACK_RATE_TARGET, type RollbackRate } from '@/lib/policy/migration-plan';

const percent = (rate: number) => `${(rate * 100).toFixed(1).replace(/\.0$/, '')} %`;

/** The migration rollback rate KPI (POL-012): the figure, how it is counted, and the target met or missed in words. */
export function RollbackRateSummary({ rate }: Readonly<{ rate: RollbackRate }>) {
  return (
    <section aria-labelledby="rollback-rate" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="rollback-rate" className="text-sm font-semibold">Migration rollback rate</h2>
      <p className="mt-1 text-sm">
        {rate.rate === null
          ? 'No migration has an outcome yet.'
          : <><strong>{percent(rate.rate)}</strong>: {rate.rolledBack} of {rate.executed} executed migrations rolled back.</>}{' '}
        <Badge tone={rate.isMet ? 'good' : 'bad'}>{rate.isMet ? 'Target met' : 'Target missed'}</Badge>
      </p>
      <p className="mt-1 text-xs text-slate-600">Rolled-back migrations divided by executed migrations (those with an outcome), all time; target under {percent(ROLLBACK_RATE_TARGET)}.</p>
    </section>
  );
}
