import { EXCEPTION_KINDS, EXCEPTION_KIND_LABEL } from '@/lib/policy/exception-log';
import { EXCEPTION_STATUS_FILTERS, type ExceptionFilter, type ExceptionStatusFilter } from '@/lib/schemas/exception-list-query';
import { FilterForm, FilterSelect, labelledOptions } from '@/components/ui/filter-form';

export const STATUS_FILTER_LABEL: Record<ExceptionStatusFilter, string> = { open: 'Open', overdue: 'Overdue (open past deadline)', documented: 'Documented' };

const KIND_OPTIONS = labelledOptions(EXCEPTION_KINDS, EXCEPTION_KIND_LABEL);
const STATUS_OPTIONS = labelledOptions(EXCEPTION_STATUS_FILTERS, STATUS_FILTER_LABEL);

/** Kind and status as a GET form: the filtered log is a shareable URL and works without JavaScript. */
export function ExceptionFilters({ filter }: Readonly<{ filter: ExceptionFilter }>) {
  return (
    <FilterForm action="/exceptions" label="Filter the exceptions log" values={filter} isInline>
      <FilterSelect id="exception-kind" name="kind" label="Kind" value={filter.kind} options={KIND_OPTIONS} />
      <FilterSelect id="exception-status" name="status" label="Status" value={filter.status} options={STATUS_OPTIONS} />
    </FilterForm>
  );
}
