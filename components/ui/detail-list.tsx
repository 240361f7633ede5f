import type { ReactNode } from 'react';

/** A record's facts as a term/value grid, two columns on wider screens. */
export function DetailList({ children }: Readonly<{ children: ReactNode }>) {
  return <dl className="grid grid-cols-1 gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-2">{children}</dl>;
}

type DetailProps = {
  term: string;
  /** Lets long unbroken values (links, tokens) wrap anywhere instead of overflowing the column. */
  canBreakWords?: boolean;
  children: ReactNode;
};

/** One fact of a DetailList. */
export function Detail({ term, canBreakWords = false, children }: Readonly<DetailProps>) {
  return (
    <div>
      <dt className="text-slate-600">{term}</dt>
      <dd className={canBreakWords ? 'font-medium break-words' : 'font-medium'}>{children}</dd>
    </div>
  );
}
