import { INCIDENT_SEVERITIES, SEVERITY_LABEL } from '@/lib/policy/incident';
import type { IncidentFilterParam } from '@/lib/schemas/incident';
import { FilterForm, FilterSelect, labelledOptions, type FilterOption } from '@/components/ui/filter-form';

const STATE_OPTIONS: FilterOption[] = [
  { id: 'all', name: 'All' },
  { id: 'active', name: 'Active (not resolved)' },
  { id: 'resolved', name: 'Resolved' },
];
const SEVERITY_OPTIONS = labelledOptions(INCIDENT_SEVERITIES, SEVERITY_LABEL);

type Props = { values: Partial<Record<IncidentFilterParam, string>>; services: FilterOption[] };

/** The incident list's filters; the state always narrows, so it has no "Any" choice. */
export function IncidentFilters({ values, services }: Readonly<Props>) {
  return (
    <FilterForm action="/incidents" label="Filter incidents" values={values}>
      <div className="grid gap-4 sm:grid-cols-3">
        <FilterSelect name="state" label="State" value={values.state ?? 'all'} options={STATE_OPTIONS} anyLabel={null} />
        <FilterSelect name="severity" label="Severity" value={values.severity} options={SEVERITY_OPTIONS} />
        <FilterSelect name="service" label="Service affected" value={values.service} options={services} />
      </div>
    </FilterForm>
  );
}
