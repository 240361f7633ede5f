/** A list's outcome, announced to screen readers: any problems with the filters, then what is shown. */
export function ListStatus({ problems, summary }: Readonly<{ problems: readonly string[]; summary: string }>) {
  return (
    <div role="status" className="mb-3 space-y-2 text-sm">
      {problems.length > 0 ? (
        <ul className="list-inside list-disc rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      ) : null}
      <p className="text-slate-700">{summary}</p>
    </div>
  );
}

/** The status line of a filtered list page: how many rows this page shows, or why there are none. */
export function listSummary(count: number, isFiltered: boolean, words: Readonly<{ one: string; many: string; noMatch: string; none: string }>): string {
  if (count === 0) return isFiltered ? words.noMatch : words.none;
  return `${count} ${count === 1 ? words.one : words.many}${isFiltered ? ' matching the filters' : ''} on this page, newest first.`;
}
