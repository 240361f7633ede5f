'use client';

import { useState } from 'react';
import type { FormValues } from '@/lib/actions/action-state';
import { MIGRATION_TYPES, MIGRATION_TYPE_LABEL, MIGRATION_TYPE_REQUIREMENT, type MigrationType } from '@/lib/policy/migration-plan';
import { DETAIL_FIELD_KINDS, MAX_BATCH_SIZE, detailFieldName } from '@/lib/schemas/migration-plan';
import { FormFooter, HiddenFields, type FormAction } from '@/components/ui/action-form';
import { Field } from '@/components/ui/field';
import { INPUT } from '@/components/ui/styles';
import { TextField } from '@/components/ui/text-field';
import { useIsHydrated } from '@/components/ui/use-is-hydrated';
import { useRecordForm } from '@/components/ui/use-record-form';

type Props = {
  action: FormAction;
  /** The values shown first: the plan being edited, or defaults for a new one. */
  initial: FormValues;
  /** Fields the action needs beside the plan: the change of a new plan, the id and version of an edited one. */
  hidden: Record<string, string | number>;
  submitLabel: string;
};

/** How each type's own fields are asked for. */
const DETAIL_TEXT: Record<string, { label: string; hint?: string }> = {
  isBackwardCompatible: { label: 'Backward compatible: code running now keeps working with the new schema' },
  stagingTest: { label: 'Staging test', hint: 'Where it was tested and on how much data (production-scale for schema changes).' },
  consumers: { label: 'Consumers of the schema', hint: 'The services, jobs and teams that read or write what changes.' },
  isConsumersCoordinated: { label: 'The consumers are coordinated: they know the phases and are ready for each' },
  batchSize: { label: 'Batch size (rows per batch)', hint: `A whole number from 1 to ${MAX_BATCH_SIZE.toLocaleString('en')}.` },
  rateLimit: { label: 'Rate limit', hint: 'For example: 50 batches per minute.' },
  resumeStrategy: { label: 'How it resumes after a stop', hint: 'For example: it keeps the last id done and starts after it.' },
  rolloutStrategy: { label: 'Rollout strategy' },
  adrUrl: { label: 'ADR link', hint: 'An http(s) link to the architecture decision record.' },
  incrementalPlan: { label: 'Incremental migration plan', hint: 'The steps, service by service or module by module.' },
  isCoexistenceConfirmed: { label: 'Both versions coexist during the transition' },
};

const COMMON_TEXT = [
  { name: 'rollbackPlan', label: 'Rollback plan', hint: 'How to undo it, documented before it runs.' },
  { name: 'successCriteria', label: 'Success criteria', hint: 'What tells you it worked.' },
  { name: 'monitoring', label: 'Monitoring', hint: 'The migration-specific metrics and dashboards watched while it runs.' },
  { name: 'communicationPlan', label: 'Communication plan', hint: 'Which teams are told, when and where.' },
] as const;

/**
 * Adds or edits a migration plan. The type select shows that type's fields; without JavaScript every
 * type's group shows and the server reads only the chosen one. A draft may be incomplete: the
 * checklist on the plan's page says what is missing.
 */
export function MigrationPlanForm({ action, initial, hidden, submitLabel }: Readonly<Props>) {
  const { state, formAction, errors, values, text } = useRecordForm(action, initial);
  const initialType = MIGRATION_TYPES.find((type) => type === text('type')) ?? null;
  const [chosen, setChosen] = useState<MigrationType | null>(initialType);
  // Groups are hidden only once JavaScript runs, so the form still works without it.
  const isHydrated = useIsHydrated();

  const detailInput = (type: MigrationType, field: string, kind: string) => {
    const name = detailFieldName(type, field);
    const { label, hint } = DETAIL_TEXT[field]!;
    if (kind === 'checkbox') {
      return (
        <div key={name}>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" id={name} name={name} defaultChecked={Boolean(values[name])} aria-describedby={errors?.[name] ? `${name}-error` : undefined} />
            {label}
          </label>
          {errors?.[name] ? <p id={`${name}-error`} className="mt-1 text-sm text-red-700">{errors[name]!.join(' ')}</p> : null}
        </div>
      );
    }
    return (
      <Field key={name} id={name} label={label} hint={hint} errors={errors?.[name]}>
        {(describedBy, invalid) => {
          if (kind === 'strategy') {
            return (
              <select id={name} name={name} defaultValue={text(name) ?? ''} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
                <option value="">Not chosen yet</option>
                <option value="blue_green">Blue-green</option>
                <option value="canary">Canary</option>
              </select>
            );
          }
          if (kind === 'textarea') return <textarea id={name} name={name} rows={3} defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />;
          return <input id={name} name={name} inputMode={kind === 'number' ? 'numeric' : undefined} defaultValue={text(name)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid} />;
        }}
      </Field>
    );
  };

  return (
    // Keyed by the values shown: a refused form mounts again with what was typed (React resets forms after an action).
    <form key={JSON.stringify(values)} action={formAction} className="max-w-3xl space-y-6" noValidate>
      <HiddenFields values={hidden} />
      <TextField id="title" label="Title" hint="What migrates, in one line (3–200 characters)." errors={errors?.title} defaultValue={text('title')} />
      <Field id="type" label="Migration type (CTRL-012.3)" hint="Each type has its own requirements; changing the type of a saved plan starts its own fields afresh." errors={errors?.type}>
        {(describedBy, invalid) => (
          <select id="type" name="type" defaultValue={initialType ?? ''} onChange={(event) => setChosen(MIGRATION_TYPES.find((type) => type === event.target.value) ?? null)} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
            <option value="" disabled>Choose a type</option>
            {MIGRATION_TYPES.map((type) => <option key={type} value={type}>{MIGRATION_TYPE_LABEL[type]}</option>)}
          </select>
        )}
      </Field>
      {MIGRATION_TYPES.map((type) => (
        <fieldset key={type} hidden={isHydrated && chosen !== type} className="space-y-4 rounded-md border border-slate-300 p-4">
          <legend className="px-1 text-sm font-medium text-slate-800">{MIGRATION_TYPE_LABEL[type]}{isHydrated ? '' : ' (only if chosen above)'}</legend>
          <p className="text-sm text-slate-700">The policy asks: {MIGRATION_TYPE_REQUIREMENT[type]}.</p>
          {Object.entries(DETAIL_FIELD_KINDS[type]).map(([field, kind]) => detailInput(type, field, kind))}
        </fieldset>
      ))}
      {COMMON_TEXT.map(({ name, label, hint }) => (
        <TextField key={name} id={name} label={label} hint={hint} errors={errors?.[name]} rows={3} defaultValue={text(name)} />
      ))}
      <FormFooter state={state} submitLabel={submitLabel} />
    </form>
  );
}
