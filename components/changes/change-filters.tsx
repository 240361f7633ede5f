import { CHANGE_CLASSES, CHANGE_CLASS_INFO, CHANGE_STATUSES, CHANGE_STATUS_LABEL } from '@/lib/policy/change-class';
import type { FilterParam } from '@/lib/schemas/change-list-query';
import { Field } from '@/components/ui/field';
import { FilterForm, FilterSelect, labelledOptions, type FilterOption } from '@/components/ui/filter-form';
import { INPUT } from '@/components/ui/styles';

type Props = {
  /** The accepted filter values, as in the URL. */
  values: Partial<Record<FilterParam, string>>;
  teams: FilterOption[];
  services: FilterOption[];
  people: FilterOption[];
  /** The policy zone, in which the period's days are read. */
  timeZone: string;
};

const STATUS_OPTIONS = labelledOptions(CHANGE_STATUSES, CHANGE_STATUS_LABEL);
const CLASS_OPTIONS = CHANGE_CLASSES.map((changeClass) => ({ id: changeClass, name: CHANGE_CLASS_INFO[changeClass].label }));

/** The change list's filters: search words, the record's attributes and the filing period. */
export function ChangeFilters({ values, teams, services, people, timeZone }: Readonly<Props>) {
  return (
    <FilterForm action="/changes" label="Filter change requests" values={values}>
      <Field id="filter-q" label="Search" hint="Words in the title or description (at least 3 characters each), or a reference such as CHG-123.">
        {(describedBy) => <input id="filter-q" name="q" type="search" defaultValue={values.q} maxLength={200} className={INPUT} aria-describedby={describedBy} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect name="status" label="Status" value={values.status} options={STATUS_OPTIONS} />
        <FilterSelect name="class" label="Class" value={values.class} options={CLASS_OPTIONS} />
        <FilterSelect name="team" label="Team" value={values.team} options={teams} />
        <FilterSelect name="service" label="Service" value={values.service} options={services} />
        <FilterSelect name="author" label="Author" value={values.author} options={people} />
        <Field id="filter-from" label="Filed from" hint={`Day in ${timeZone}, included.`}>
          {(describedBy) => <input id="filter-from" name="from" type="date" defaultValue={values.from} className={INPUT} aria-describedby={describedBy} />}
        </Field>
        <Field id="filter-to" label="Filed to" hint={`Day in ${timeZone}, included.`}>
          {(describedBy) => <input id="filter-to" name="to" type="date" defaultValue={values.to} className={INPUT} aria-describedby={describedBy} />}
        </Field>
      </div>
    </FilterForm>
  );
}
