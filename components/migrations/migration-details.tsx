import type { MigrationPlanFacts } from '@/lib/policy/migration-plan';
import { WebLink } from '@/components/ui/web-link';

const yesNo = (value: boolean, yes: string, no: string) => (value ? yes : no);
const notGiven = <span className="font-normal text-slate-600">Not given yet</span>;
const textOr = (value: string) => (value.trim() ? <span className="whitespace-pre-wrap">{value}</span> : notGiven);

/** What the plan's author wrote: its type's own fields, then the narrative every migration needs. */
function typeDetails(plan: MigrationPlanFacts): [string, React.ReactNode][] {
  switch (plan.type) {
    case 'schema_additive':
      return [['Backward compatible', yesNo(plan.details.isBackwardCompatible, 'Yes, confirmed', 'Not confirmed')], ['Staging test', textOr(plan.details.stagingTest)]];
    case 'schema_breaking':
      return [['Consumers', textOr(plan.details.consumers)], ['Consumers coordinated', yesNo(plan.details.isConsumersCoordinated, 'Yes, confirmed', 'Not confirmed')]];
    case 'data_backfill':
      return [
        ['Batch size', plan.details.batchSize === null ? notGiven : `${plan.details.batchSize.toLocaleString('en')} rows per batch`],
        ['Rate limit', textOr(plan.details.rateLimit)],
        ['Resumes by', textOr(plan.details.resumeStrategy)],
      ];
    case 'infrastructure':
      return [['Rollout strategy', plan.details.rolloutStrategy === null ? notGiven : plan.details.rolloutStrategy === 'blue_green' ? 'Blue-green' : 'Canary'], ['Staging test', textOr(plan.details.stagingTest)]];
    case 'framework':
      return [
        ['ADR', plan.details.adrUrl ? <WebLink url={plan.details.adrUrl} /> : notGiven],
        ['Incremental plan', textOr(plan.details.incrementalPlan)],
        ['Both versions coexist', yesNo(plan.details.isCoexistenceConfirmed, 'Yes, confirmed', 'Not confirmed')],
      ];
  }
}

export function MigrationDetails({ plan }: Readonly<{ plan: MigrationPlanFacts }>) {
  const rows: [string, React.ReactNode][] = [
    ...typeDetails(plan),
    ['Rollback plan', textOr(plan.rollbackPlan)],
    ['Success criteria', textOr(plan.successCriteria)],
    ['Monitoring', textOr(plan.monitoring)],
    ['Communication plan', textOr(plan.communicationPlan)],
  ];
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt className="text-slate-600">{term}</dt>
          <dd className="font-medium">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
