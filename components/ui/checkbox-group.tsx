export type CheckboxOption = { id: string; name: string; hint?: string };

type Props = {
  name: string;
  legend: string;
  /** Shown under the legend, e.g. what leaving every box unticked means. */
  hint?: string;
  options: readonly CheckboxOption[];
  chosen: ReadonlySet<string>;
  errors?: string[];
};

/** A labelled group of checkboxes sharing one name, with its hint and errors wired to the group. */
export function CheckboxGroup({ name, legend, hint, options, chosen, errors }: Readonly<Props>) {
  const hintId = hint ? `${name}-hint` : undefined;
  const errorId = errors?.length ? `${name}-error` : undefined;
  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      {hint ? <p id={hintId} className="text-xs text-slate-600">{hint}</p> : null}
      <div className="mt-2 grid gap-1 sm:grid-cols-2">
        {options.map((option) => (
          <label key={option.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={option.id} defaultChecked={chosen.has(option.id)} />
            {option.name} {option.hint ? <span className="text-slate-600">({option.hint})</span> : null}
          </label>
        ))}
      </div>
      {errorId ? <p id={errorId} className="mt-1 text-sm text-red-700">{errors!.join(' ')}</p> : null}
    </fieldset>
  );
}
