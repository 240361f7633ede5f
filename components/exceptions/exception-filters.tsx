import { EXCEPTION_KINDS, EXCEPTION_KIND_LABEL } from '@/lib/policy/exception-log';
import { EXCEPTION_STATUS_FILTERS, EXCEPTION_STATUS_FILTER_LABEL, type ExceptionFilter } from '@/lib/schemas/exception-list-query';
import { Field } from '@/components/ui/field';
import { FilterForm, FilterSelect, labelledOptions } from '@/components/ui/filter-form';
import { INPUT } from '@/components/ui/styles';

export const STATUS_FILTER_LABEL = EXCEPTION_STATUS_FILTER_LABEL;

const KIND_OPTIONS = labelledOptions(EXCEPTION_KINDS, EXCEPTION_KIND_LABEL);
const STATUS_OPTIONS = labelledOptions(EXCEPTION_STATUS_FILTERS, STATUS_FILTER_LABEL);

function TextFilter({ id, name, label, hint, value, type = 'text' }: Readonly<{ id: string; name: string; label: string; hint?: string; value?: string; type?: 'text' | 'date' }>) {
  return (
    <Field id={id} label={label} hint={hint}>
      {(describedBy) => <input id={id} name={name} type={type} defaultValue={value ?? ''} aria-describedby={describedBy} className={INPUT} />}
    </Field>
  );
}

/** The log's filters as a GET form: the filtered log is a shareable URL and works without JavaScript. */
export function ExceptionFilters({ filter, timeZone }: Readonly<{ filter: ExceptionFilter; timeZone: string }>) {
  const { changeNumber: _number, ...values } = filter;
  return (
    <FilterForm action="/exceptions" label="Filter the exceptions log" values={values} isInline>
      <FilterSelect id="exception-kind" name="kind" label="Kind" value={filter.kind} options={KIND_OPTIONS} />
      <FilterSelect id="exception-status" name="status" label="Status" value={filter.status} options={STATUS_OPTIONS} />
      <TextFilter id="exception-change" name="change" label="Change" hint="A reference, like CHG-12" value={filter.change} />
      <TextFilter id="exception-from" name="from" label="Opened from" hint={`Local date (${timeZone})`} value={filter.from} type="date" />
      <TextFilter id="exception-to" name="to" label="Opened until" hint="That whole day included" value={filter.to} type="date" />
      <TextFilter id="exception-requested-by" name="requestedBy" label="Requested by" hint="Part of a name or email" value={filter.requestedBy} />
    </FilterForm>
  );
}
