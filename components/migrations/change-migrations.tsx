import Link from 'next/link';
import { MIGRATION_TYPE_LABEL, type MigrationStatus, type MigrationType } from '@/lib/policy/migration-plan';
import { checklistProgress, MigrationStatusBadge } from '@/components/migrations/migration-status-badge';
import { BUTTON_SECONDARY, LINK } from '@/components/ui/styles';

type PlanSummary = { id: string; title: string; type: MigrationType; status: MigrationStatus; progress: { done: number; total: number } };

type Props = {
  changeId: string;
  plans: readonly PlanSummary[];
  /** Whether the viewer may add a plan to this change now. */
  canAdd: boolean;
};

/** The change page's "Migration plans" section (CTRL-012.3): each plan with its status and checklist progress. */
export function ChangeMigrations({ changeId, plans, canAdd }: Readonly<Props>) {
  return (
    <section aria-labelledby="migrations-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="migrations-heading" className="text-lg font-semibold">Migration plans</h2>
      {plans.length ? (
        <ul className="space-y-2 text-sm">
          {plans.map((plan) => (
            <li key={plan.id} className="flex flex-wrap items-center gap-2">
              <Link href={`/migrations/${plan.id}`} className={LINK}>{plan.title}</Link>
              <span className="text-slate-700">{MIGRATION_TYPE_LABEL[plan.type]}</span>
              <MigrationStatusBadge status={plan.status} />
              <span className="text-slate-700">Checklist: {checklistProgress(plan.progress)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">No migration plans. A schema, data, infrastructure or framework migration needs one (CTRL-012.3).</p>
      )}
      {canAdd ? <Link href={`/migrations/new?changeId=${changeId}`} className={BUTTON_SECONDARY}>Add a migration plan</Link> : null}
    </section>
  );
}
