import { Field } from '@/components/ui/field';
import { INPUT } from '@/components/ui/styles';

/** What every labelled control of a form takes. */
export type LabelledControlProps = {
  /** The control's id and, unless `name` is given, its name. */
  id: string;
  name?: string;
  label: string;
  hint?: string;
  errors?: string[];
  defaultValue?: string;
};

type Props = LabelledControlProps & {
  /** Lines of a textarea; a one-line input when absent. */
  rows?: number;
  type?: 'text' | 'datetime-local';
  maxLength?: number;
};

/** A labelled text input or textarea, its hint and errors wired to aria-describedby. */
export function TextField({ id, name = id, label, hint, errors, defaultValue, rows, type, maxLength }: Readonly<Props>) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      {(describedBy, invalid) => {
        const common = { id, name, defaultValue, maxLength, className: INPUT, 'aria-describedby': describedBy, 'aria-invalid': invalid };
        return rows ? <textarea rows={rows} {...common} /> : <input type={type} {...common} />;
      }}
    </Field>
  );
}
