import { CHANGE_CLASSES, CHANGE_CLASS_INFO } from '@/lib/policy/change-class';
import type { KPI_QUERY_PARAMS } from '@/lib/schemas/kpi-query';
import { isCalendarDate } from '@/lib/time/local-day';
import { Field } from '@/components/ui/field';
import { FilterForm } from '@/components/ui/filter-form';
import { SelectField, type SelectOption } from '@/components/ui/select-field';
import { INPUT } from '@/components/ui/styles';

type KpiFilterParam = (typeof KPI_QUERY_PARAMS)[number];

type Props = {
  /** The filters as in the URL (as typed, when they were refused); no granularity leaves it automatic. */
  values: Partial<Record<KpiFilterParam, string>>;
  errors?: Partial<Record<string, string[]>>;
  /** Teams and services by slug, as the URL names them. */
  teams: readonly SelectOption[];
  services: readonly SelectOption[];
  /** The policy zone, in which the period's days are read. */
  timeZone: string;
};

const CLASS_OPTIONS: SelectOption[] = CHANGE_CLASSES.map((changeClass) => ({ value: changeClass, label: CHANGE_CLASS_INFO[changeClass].label }));
const GRANULARITY_OPTIONS: SelectOption[] = [{ value: 'week', label: 'Week' }, { value: 'month', label: 'Month' }];

function DateFilter({ name, label, hint, value, errors }: Readonly<{ name: 'from' | 'to'; label: string; hint: string; value?: string; errors?: string[] }>) {
  const id = `kpi-${name}`;
  // A date input cannot hold a non-date: its error quotes what was typed instead.
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => <input id={id} name={name} type="date" defaultValue={value && isCalendarDate(value) ? value : undefined} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />}
    </Field>
  );
}

/** The dashboard's period and filters as a GET form: a reading is a URL to share, and it works without JavaScript. */
export function KpiFilterForm({ values, errors = {}, teams, services, timeZone }: Readonly<Props>) {
  return (
    <FilterForm action="/kpis" label="Choose the period and filters" values={values} isInline>
      <DateFilter name="from" label="From" hint={`Day in ${timeZone}, included`} value={values.from} errors={errors.from} />
      <DateFilter name="to" label="To" hint="That whole day included" value={values.to} errors={errors.to} />
      <SelectField id="kpi-team" name="team" label="Team" options={teams} placeholder={{ label: 'Every team' }} defaultValue={values.team ?? ''} errors={errors.team} />
      <SelectField id="kpi-service" name="service" label="Service" options={services} placeholder={{ label: 'Every service' }} defaultValue={values.service ?? ''} errors={errors.service} />
      <SelectField id="kpi-class" name="class" label="Class" options={CLASS_OPTIONS} placeholder={{ label: 'Every class' }} defaultValue={values.class ?? ''} errors={errors.class} />
      <SelectField
        id="kpi-granularity" name="granularity" label="Trend by" options={GRANULARITY_OPTIONS} placeholder={{ label: 'Automatic' }} defaultValue={values.granularity ?? ''}
        hint="Automatic: weeks up to six months, months beyond" errors={errors.granularity}
      />
    </FilterForm>
  );
}
