import { CONFIG_CHANGE_STATUSES, CONFIG_CHANGE_STATUS_LABEL, CONFIG_CHANGE_TYPES, CONFIG_CHANGE_TYPE_LABEL } from '@/lib/policy/config-change';
import type { ConfigFilterParam } from '@/lib/schemas/config-change';
import { FilterForm, FilterSelect, labelledOptions, type FilterOption } from '@/components/ui/filter-form';

type Props = { values: Partial<Record<ConfigFilterParam, string>>; environments: FilterOption[]; services: FilterOption[] };

const TYPE_OPTIONS = labelledOptions(CONFIG_CHANGE_TYPES, CONFIG_CHANGE_TYPE_LABEL);
const STATUS_OPTIONS = labelledOptions(CONFIG_CHANGE_STATUSES, CONFIG_CHANGE_STATUS_LABEL);

/** The configuration change list's filters, including the changes made outside their process. */
export function ConfigChangeFilters({ values, environments, services }: Readonly<Props>) {
  return (
    <FilterForm action="/config-changes" label="Filter configuration changes" values={values}>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <FilterSelect name="type" label="Type" value={values.type} options={TYPE_OPTIONS} />
        <FilterSelect name="status" label="Status" value={values.status} options={STATUS_OPTIONS} />
        <FilterSelect name="environment" label="Environment" value={values.environment} options={environments} />
        <FilterSelect name="service" label="Service" value={values.service} options={services} />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="unauthorized" value="true" defaultChecked={values.unauthorized === 'true'} />
        Only changes made outside their process (unauthorized)
      </label>
    </FilterForm>
  );
}
