import type { ReactNode } from 'react';
import Form from 'next/form';
import Link from 'next/link';
import { Field } from '@/components/ui/field';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';

export type FilterOption = { id: string; name: string };

/** The choices of a filter over a fixed set of values, named by their labels, in the set's order. */
export function labelledOptions<Id extends string>(ids: readonly Id[], labels: Readonly<Record<Id, string>>): FilterOption[] {
  return ids.map((id) => ({ id, name: labels[id] }));
}

type FilterFormProps = {
  /** The list's path: the form submits to it, and Clear links back to it. */
  action: string;
  /** The accessible name of the search landmark. */
  label: string;
  /** The accepted filter values, as in the URL. */
  values: object;
  /** One row of fields with the buttons beside them, instead of stacked sections. */
  isInline?: boolean;
  children: ReactNode;
};

/**
 * A list's filters as a GET form: every choice lands in the URL, so a filtered list can be
 * bookmarked and shared, and it works without JavaScript (next/form only makes it smoother).
 */
export function FilterForm({ action, label, values, isInline = false, children }: Readonly<FilterFormProps>) {
  const layout = isInline ? 'flex flex-wrap items-end gap-4' : 'space-y-4';
  return (
    // Keyed by the values, so following a link (Clear, a shared URL) resets the uncontrolled fields.
    <Form key={JSON.stringify(values)} action={action} role="search" aria-label={label} className={`mb-6 ${layout} rounded-lg border border-slate-200 bg-white p-4`}>
      {children}
      <div className="flex gap-2">
        <button type="submit" className={BUTTON_PRIMARY}>Apply filters</button>
        <Link href={action} className={BUTTON_SECONDARY}>Clear</Link>
      </div>
    </Form>
  );
}

type FilterSelectProps = {
  name: string;
  label: string;
  value?: string;
  options: readonly FilterOption[];
  /** The control's id; `filter-<name>` unless given. */
  id?: string;
  /** The words of the empty choice that leaves this filter off; null when every choice narrows. */
  anyLabel?: string | null;
};

/** One labelled filter choice. */
export function FilterSelect({ name, label, value, options, id = `filter-${name}`, anyLabel = 'Any' }: Readonly<FilterSelectProps>) {
  return (
    <Field id={id} label={label}>
      {() => (
        <select id={id} name={name} defaultValue={value ?? ''} className={INPUT}>
          {anyLabel === null ? null : <option value="">{anyLabel}</option>}
          {options.map((option) => <option key={option.id} value={option.id}>{option.name}</option>)}
        </select>
      )}
    </Field>
  );
}
