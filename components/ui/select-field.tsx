import { Field } from '@/components/ui/field';
import { INPUT } from '@/components/ui/styles';
import type { LabelledControlProps } from '@/components/ui/text-field';

export type SelectOption = { value: string; label: string };

type Props = LabelledControlProps & {
  options: readonly SelectOption[];
  /**
   * An empty first choice. Disabled, it only prompts ("Choose a team") and a choice is required;
   * enabled, it is a valid answer ("No label").
   */
  placeholder?: { label: string; isDisabled?: boolean };
};

/** A labelled select, its hint and errors wired to aria-describedby. */
export function SelectField({ id, name = id, label, hint, errors, defaultValue, options, placeholder }: Readonly<Props>) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => (
        <select id={id} name={name} defaultValue={defaultValue} className={INPUT} aria-describedby={describedBy} aria-invalid={invalid}>
          {placeholder ? <option value="" disabled={placeholder.isDisabled}>{placeholder.label}</option> : null}
          {options.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
        </select>
      )}
    </Field>
  );
}

/** Records with an id and a name, as select options. */
export function namedOptions(records: readonly { id: string; name: string }[]): SelectOption[] {
  return records.map((record) => ({ value: record.id, label: record.name }));
}
