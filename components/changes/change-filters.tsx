import Form from 'next/form';
import Link from 'next/link';
import { CHANGE_CLASSES, CHANGE_CLASS_INFO, CHANGE_STATUSES, CHANGE_STATUS_LABEL } from '@/lib/policy/change-class';
import type { FilterParam } from '@/lib/schemas/change-list-query';
import { Field } from '@/components/ui/field';
import { BUTTON_PRIMARY, BUTTON_SECONDARY, INPUT } from '@/components/ui/styles';

type Option = { id: string; name: string };

type Props = {
  /** The accepted filter values, as in the URL. */
  values: Partial<Record<FilterParam, string>>;
  teams: Option[];
  services: Option[];
  people: Option[];
  /** The policy zone, in which the period's days are read. */
  timeZone: string;
};

function Choice({ name, label, value, options }: Readonly<{ name: FilterParam; label: string; value?: string; options: Option[] }>) {
  return (
    <Field id={`filter-${name}`} label={label}>
      {() => (
        <select id={`filter-${name}`} name={name} defaultValue={value ?? ''} className={INPUT}>
          <option value="">Any</option>
          {options.map((option) => <option key={option.id} value={option.id}>{option.name}</option>)}
        </select>
      )}
    </Field>
  );
}

/**
 * The list's filters as a GET form: every choice lands in the URL, so a filtered list can be
 * bookmarked and shared, and it works without JavaScript (next/form only makes it smoother).
 */
export function ChangeFilters({ values, teams, services, people, timeZone }: Readonly<Props>) {
  return (
    // Keyed by the values, so following a link (Clear, a shared URL) resets the uncontrolled fields.
    <Form key={JSON.stringify(values)} action="/changes" role="search" aria-label="Filter change requests" className="mb-6 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <Field id="filter-q" label="Search" hint="Words in the title or description (at least 3 characters each), or a reference such as CHG-123.">
        {(describedBy) => <input id="filter-q" name="q" type="search" defaultValue={values.q} maxLength={200} className={INPUT} aria-describedby={describedBy} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Choice name="status" label="Status" value={values.status} options={CHANGE_STATUSES.map((status) => ({ id: status, name: CHANGE_STATUS_LABEL[status] }))} />
        <Choice name="class" label="Class" value={values.class} options={CHANGE_CLASSES.map((changeClass) => ({ id: changeClass, name: CHANGE_CLASS_INFO[changeClass].label }))} />
        <Choice name="team" label="Team" value={values.team} options={teams} />
        <Choice name="service" label="Service" value={values.service} options={services} />
        <Choice name="author" label="Author" value={values.author} options={people} />
        <Field id="filter-from" label="Filed from" hint={`Day in ${timeZone}, included.`}>
          {(describedBy) => <input id="filter-from" name="from" type="date" defaultValue={values.from} className={INPUT} aria-describedby={describedBy} />}
        </Field>
        <Field id="filter-to" label="Filed to" hint={`Day in ${timeZone}, included.`}>
          {(describedBy) => <input id="filter-to" name="to" type="date" defaultValue={values.to} className={INPUT} aria-describedby={describedBy} />}
        </Field>
      </div>
      <div className="flex gap-2">
        <button type="submit" className={BUTTON_PRIMARY}>Apply filters</button>
        <Link href="/changes" className={BUTTON_SECONDARY}>Clear</Link>
      </div>
    </Form>
  );
}
