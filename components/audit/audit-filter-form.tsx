import { BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';

export type AuditFilterValues = Partial<Record<'action' | 'entityType' | 'entityId' | 'actor' | 'from' | 'to', string>>;

const FIELDS = [
  { name: 'action', label: 'Action starts with', placeholder: 'change.', type: 'text' },
  { name: 'entityType', label: 'Entity type', placeholder: 'change', type: 'text' },
  { name: 'entityId', label: 'Entity id', placeholder: '', type: 'text' },
  { name: 'actor', label: 'Actor email', placeholder: 'name@example.com', type: 'email' },
] as const;

/** The audit trail's filters, sent as search params (a GET form keeps filters bookmarkable). */
export function AuditFilterForm({ values, timeZoneLabel }: Readonly<{ values: AuditFilterValues; timeZoneLabel: string }>) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter events">
      {FIELDS.map((field) => (
        <div key={field.name}>
          <label htmlFor={field.name} className="block text-sm font-medium">{field.label}</label>
          <input id={field.name} name={field.name} type={field.type} defaultValue={values[field.name]} placeholder={field.placeholder || undefined} className={INPUT} />
        </div>
      ))}
      <fieldset className="flex items-end gap-2">
        <legend className="text-sm font-medium">Period ({timeZoneLabel}, both days included)</legend>
        <div>
          <label htmlFor="from" className="block text-sm">From</label>
          <input id="from" name="from" type="date" defaultValue={values.from} className={INPUT} />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm">To</label>
          <input id="to" name="to" type="date" defaultValue={values.to} className={INPUT} />
        </div>
      </fieldset>
      <button type="submit" className={BUTTON_SECONDARY}>Filter</button>
    </form>
  );
}
