import { MIGRATION_STATUSES, MIGRATION_TYPES, MIGRATION_TYPE_LABEL } from '@/lib/policy/migration-plan';
import type { MigrationFilterParam } from '@/lib/schemas/migration-plan';
import { MIGRATION_STATUS_LABEL } from '@/components/migrations/migration-status-badge';
import { FilterForm, FilterSelect, labelledOptions, type FilterOption } from '@/components/ui/filter-form';

type Props = {
  /** The accepted filter values, as in the URL. */
  values: Partial<Record<MigrationFilterParam, string>>;
  teams: FilterOption[];
  /** The change the list is narrowed to, named for people (CHG-n), when the URL names one. */
  changeReference?: string;
};

const TYPE_OPTIONS = labelledOptions(MIGRATION_TYPES, MIGRATION_TYPE_LABEL);
const STATUS_OPTIONS = labelledOptions(MIGRATION_STATUSES, MIGRATION_STATUS_LABEL);

/** The plan list's filters; a change named in the URL is kept as a hidden field. */
export function MigrationFilters({ values, teams, changeReference }: Readonly<Props>) {
  return (
    <FilterForm action="/migrations" label="Filter migration plans" values={values}>
      <div className="grid gap-4 sm:grid-cols-3">
        <FilterSelect name="type" label="Type" value={values.type} options={TYPE_OPTIONS} />
        <FilterSelect name="status" label="Status" value={values.status} options={STATUS_OPTIONS} />
        <FilterSelect name="team" label="Team" value={values.team} options={teams} />
      </div>
      {values.change ? (
        <p className="text-sm text-slate-700">
          <input type="hidden" name="change" value={values.change} />
          Only the plans of {changeReference ?? 'one change'}.
        </p>
      ) : null}
    </FilterForm>
  );
}
