import type { ConfigChecklistItem } from '@/lib/policy/config-change';

/** The process checklist, each item saying in words whether it is done and, if not, what is missing. */
export function ConfigChecklist({ items }: Readonly<{ items: ConfigChecklistItem[] }>) {
  if (items.length === 0) return <p className="text-sm text-slate-600">This process has no checklist items.</p>;
  return (
    <ul aria-label="Process checklist" className="space-y-2 text-sm">
      {items.map((item) => (
        <li key={item.key} className={`rounded-md border p-3 ${item.isDone ? 'border-emerald-200 bg-emerald-50' : 'border-amber-300 bg-amber-50'}`}>
          <span className="font-medium">{item.isDone ? 'Done' : 'Missing'}:</span> {item.label}
          {item.isDone ? null : <span className="block text-amber-950">{item.missing}</span>}
        </li>
      ))}
    </ul>
  );
}
