import { EVIDENCE_CONTROLS, EVIDENCE_CONTROL_LABEL } from '@/lib/schemas/evidence-query';
import { Field } from '@/components/ui/field';
import { BUTTON_PRIMARY, INPUT } from '@/components/ui/styles';

type Values = { control?: string; from?: string; to?: string };
type Errors = Partial<Record<'control' | 'from' | 'to', string[]>>;

/** Control and period as a GET form: a bundle is a shareable URL and works without JavaScript. */
export function EvidenceQueryForm({ values, errors, timeZone }: Readonly<{ values: Values; errors: Errors; timeZone: string }>) {
  return (
    <form action="/audit/evidence" method="get" role="search" aria-label="Choose the evidence" className="mb-6 flex flex-wrap items-end gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <Field id="evidence-control" label="Control" errors={errors.control}>
        {(describedBy, invalid) => (
          <select id="evidence-control" name="control" defaultValue={values.control ?? 'CTRL-012.1'} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={INPUT}>
            {EVIDENCE_CONTROLS.map((control) => <option key={control} value={control}>{EVIDENCE_CONTROL_LABEL[control]}</option>)}
          </select>
        )}
      </Field>
      <Field id="evidence-from" label="First day" hint={`Local date (${timeZone})`} errors={errors.from}>
        {(describedBy, invalid) => <input id="evidence-from" name="from" type="date" required defaultValue={values.from ?? ''} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={INPUT} />}
      </Field>
      <Field id="evidence-to" label="Last day" hint="Included; one year at most" errors={errors.to}>
        {(describedBy, invalid) => <input id="evidence-to" name="to" type="date" required defaultValue={values.to ?? ''} aria-describedby={describedBy} aria-invalid={invalid || undefined} className={INPUT} />}
      </Field>
      <button type="submit" className={BUTTON_PRIMARY}>Show evidence</button>
    </form>
  );
}
