import type { ReactNode } from 'react';

export type Column<T> = { header: string; cell: (row: T) => ReactNode; className?: string };

type Props<T> = {
  /** Read by screen readers; describes the rows and their order. */
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  empty: string;
};

/** A plain list table: the first column names the row. */
export function DataTable<T>({ caption, columns, rows, rowKey, empty }: Readonly<Props<T>>) {
  if (rows.length === 0) return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{empty}</p>;
  return (
    // Focusable so keyboard users can scroll a table wider than the screen (WCAG 2.1.1).
    <div role="region" aria-label={caption} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white focus:outline-2 focus:outline-indigo-700">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-left">
          <tr>
            {columns.map((column) => <th key={column.header} scope="col" className="px-4 py-2 font-medium">{column.header}</th>)}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, index) =>
                index === 0 ? (
                  <th key={column.header} scope="row" className={`px-4 py-2 text-left font-normal ${column.className ?? ''}`}>{column.cell(row)}</th>
                ) : (
                  <td key={column.header} className={`px-4 py-2 ${column.className ?? ''}`}>{column.cell(row)}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
