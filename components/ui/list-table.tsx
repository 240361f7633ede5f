import type { ReactNode } from 'react';

type Props = {
  /** Read by screen readers; describes the rows and their order. */
  caption: string;
  /** The column headers, in order. */
  columns: readonly string[];
  /** Tighter horizontal padding, for tables with many text-heavy columns. */
  isCompact?: boolean;
  /** Top-aligns every cell, for rows whose cells wrap to several lines. */
  isTopAligned?: boolean;
  /** The body rows. */
  children: ReactNode;
};

/** A list page's table: caption, one header row, then the given rows. */
export function ListTable({ caption, columns, isCompact = false, isTopAligned = false, children }: Readonly<Props>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {columns.map((column) => <th key={column} scope="col" className={`${isCompact ? 'px-3' : 'px-4'} py-2 font-medium`}>{column}</th>)}
          </tr>
        </thead>
        <tbody className={isTopAligned ? 'divide-y divide-slate-100 align-top' : 'divide-y divide-slate-100'}>{children}</tbody>
      </table>
    </div>
  );
}
