import type { ChecklistItem } from '@/lib/policy/migration-plan';
import { checklistProgress } from '@/components/migrations/migration-status-badge';

/** The plan's checklist: each requirement says in words whether it is done and, if not, what is missing. */
export function MigrationChecklist({ items }: Readonly<{ items: readonly ChecklistItem[] }>) {
  const done = items.filter((item) => item.isDone).length;
  return (
    <section aria-labelledby="checklist-heading" className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="checklist-heading" className="text-lg font-semibold">Checklist</h2>
      <p className="text-sm text-slate-700">{checklistProgress({ done, total: items.length })}{done === items.length ? ': the plan is complete.' : '.'}</p>
      <ul className="space-y-2 text-sm">
        {items.map((item) => (
          <li key={item.key} className="flex gap-2">
            <span aria-hidden="true" className={item.isDone ? 'text-emerald-700' : 'text-red-700'}>{item.isDone ? '✓' : '✗'}</span>
            <span>
              <span className="font-medium">{item.isDone ? 'Done' : 'Missing'}:</span> {item.label}
              {item.isDone ? null : <span className="block text-red-800">{item.missing}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
