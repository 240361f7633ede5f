'use client';

import { useState } from 'react';
import type { FormValues } from '@/lib/actions/action-state';
import { CONFIG_CHANGE_PROCESS, CONFIG_CHANGE_TYPES, CONFIG_CHANGE_TYPE_LABEL, type ConfigChangeType } from '@/lib/policy/config-change';
import { CONFIG_DETAIL_FIELDS, configDetailFieldName, type DetailFieldKind } from '@/lib/schemas/config-change';
import { FormFooter, HiddenFields, type FormAction } from '@/components/ui/action-form';
import { Field } from '@/components/ui/field';
import { INPUT } from '@/components/ui/styles';
import { SelectField, namedOptions } from '@/components/ui/select-field';
import { TextField } from '@/components/ui/text-field';
import { useIsHydrated } from '@/components/ui/use-is-hydrated';
import { useRecordForm } from '@/components/ui/use-record-form';

type Option = { id: string; name: string };

type Props = {
  action: FormAction;
  environments: Option[];
  services: Option[];
  /** The values shown first: the record being edited, or defaults for a new one. */
  initial: FormValues;
  submitLabel: string;
  /**
   * `plan`: a change going through its process. `report`: a change already made outside it (asks
   * when, in the policy zone, and who). `edit`: a planned record, whose type is fixed.
   */
  mode: { kind: 'plan' } | { kind: 'report'; people: Option[]; timeZone: string } | { kind: 'edit'; configChangeId: string; version: number; type: ConfigChangeType };
};

const MODE_LABEL = [
  { value: '', label: 'Not decided yet' },
  { value: 'automated', label: 'Automated' },
  { value: 'manual', label: 'Manual (two-person rule)' },
];

function DetailInput({ kind, id, name, value, describedBy, invalid }: Readonly<{ kind: DetailFieldKind; id: string; name: string; value?: string; describedBy?: string; invalid: boolean }>) {
  const common = { id, name, defaultValue: value, className: INPUT, 'aria-describedby': describedBy, 'aria-invalid': invalid };
  if (kind === 'textarea') return <textarea rows={3} {...common} />;
  if (kind === 'mode') return <select {...common} defaultValue={value ?? ''}>{MODE_LABEL.map((mode) => <option key={mode.value} value={mode.value}>{mode.label}</option>)}</select>;
  if (kind === 'ttl') return <input inputMode="numeric" autoComplete="off" {...common} />;
  return <input type={kind === 'url' ? 'url' : 'text'} autoComplete="off" {...common} />;
}

/**
 * Plans, reports or edits a configuration change. Every type's fields are in the form (named
 * `<type>.<field>`), so it works without JavaScript; once the browser runs it, only the chosen
 * type's fields show. The server validates again and answers per field.
 */
export function ConfigChangeForm({ action, environments, services, initial, submitLabel, mode }: Readonly<Props>) {
  const { state, formAction, errors, values, text } = useRecordForm(action, initial);
  const isHydrated = useIsHydrated();
  const fixedType = mode.kind === 'edit' ? mode.type : null;
  const [chosen, setChosen] = useState<ConfigChangeType>(fixedType ?? (CONFIG_CHANGE_TYPES.find((type) => type === text('type')) ?? 'env_var'));
  const types = fixedType ? [fixedType] : CONFIG_CHANGE_TYPES;
  return (
    // Keyed by the values shown: React resets a form after its action, and a select only takes a new
    // default when it is mounted again, so a refused form would otherwise lose the choices made.
    <form key={JSON.stringify(values)} action={formAction} className="max-w-3xl space-y-6" noValidate>
      {mode.kind === 'edit' ? (
        <>
          <HiddenFields values={{ configChangeId: mode.configChangeId, version: mode.version, type: mode.type }} />
          <p className="text-sm"><span className="font-medium">Type:</span> {CONFIG_CHANGE_TYPE_LABEL[mode.type]} <span className="text-slate-600">(fixed: its process and confirmations belong to it)</span></p>
        </>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 sm:items-start">
          <Field id="type" label="Type" errors={errors?.type}>
            {(describedBy, invalid) => (
              <select
                id="type" name="type" value={chosen} onChange={(event) => setChosen(event.target.value as ConfigChangeType)}
                className={INPUT} aria-describedby={[describedBy, 'type-process'].filter(Boolean).join(' ')} aria-invalid={invalid}
              >
                {CONFIG_CHANGE_TYPES.map((type) => <option key={type} value={type}>{CONFIG_CHANGE_TYPE_LABEL[type]}</option>)}
              </select>
            )}
          </Field>
          <p id="type-process" aria-live="polite" className="rounded-md border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950 sm:mt-6">
            <span className="font-medium">Process (CTRL-012.5):</span> {CONFIG_CHANGE_PROCESS[chosen]}
          </p>
        </div>
      )}
      <TextField id="title" label="Title" hint="What changes, in one line (3–200 characters)." errors={errors?.title} defaultValue={text('title')} />
      <div className="grid gap-6 sm:grid-cols-2">
        <SelectField
          id="environmentId" label="Environment" errors={errors?.environmentId}
          defaultValue={text('environmentId') ?? ''} placeholder={{ label: 'Choose an environment', isDisabled: true }} options={namedOptions(environments)}
        />
        <SelectField
          id="serviceId" label="Service" hint="Blank for shared infrastructure." errors={errors?.serviceId}
          defaultValue={text('serviceId') ?? ''} placeholder={{ label: 'No single service' }} options={namedOptions(services)}
        />
      </div>
      {mode.kind === 'report' ? (
        <div className="grid gap-6 sm:grid-cols-2">
          <TextField id="appliedAt" type="datetime-local" label={`When it was made (times in ${mode.timeZone})`} hint="Not in the future." errors={errors?.appliedAt} defaultValue={text('appliedAt')} />
          <SelectField id="madeById" label="Who made it" errors={errors?.madeById} defaultValue={text('madeById') ?? ''} options={namedOptions(mode.people)} />
        </div>
      ) : null}
      {types.map((type) => (
        <fieldset key={type} hidden={isHydrated && type !== chosen} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-semibold text-slate-800">{CONFIG_CHANGE_TYPE_LABEL[type]}: the process evidence</legend>
          {Object.entries(CONFIG_DETAIL_FIELDS[type]).map(([field, { kind, label, hint }]) => {
            const name = configDetailFieldName(type, field);
            const id = `detail-${type}-${field}`;
            return (
              <Field key={field} id={id} label={label} hint={hint} errors={errors?.[name]}>
                {(describedBy, invalid) => <DetailInput kind={kind} id={id} name={name} value={text(name)} describedBy={describedBy} invalid={invalid} />}
              </Field>
            );
          })}
        </fieldset>
      ))}
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}
