import type { ReactNode } from 'react';
import Link from 'next/link';
import { ListTable } from '@/components/ui/list-table';
import { LINK } from '@/components/ui/styles';
import { TrendChart, type TrendPoint, type TrendSeries, type TrendUnit } from '@/components/kpis/trend-chart';

/** A table cell: a number that opens the records it counts, or plain text. */
export type TrendCell = { text: ReactNode; href?: string };

export type TrendRow = { bucket: string; cells: readonly TrendCell[] };

type Props = {
  /** "Change failure rate by week": the chart's name and the table's caption. */
  title: string;
  chart: { kind: 'line' | 'bars'; unit: TrendUnit; points: readonly TrendPoint[]; series: readonly TrendSeries[]; target?: { value: number; label: string } };
  /** The columns after the bucket's. */
  columns: readonly string[];
  rows: readonly TrendRow[];
  /** Shown under the table, e.g. what a blank cell means. */
  note?: ReactNode;
};

/** A KPI's trend: the chart, and the same numbers as a table (each count linked to its records) for every reader. */
export function TrendFigure({ title, chart, columns, rows, note }: Readonly<Props>) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-2 text-sm font-medium text-slate-800">{title}</figcaption>
      <TrendChart title={title} {...chart} />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-medium text-indigo-700">Show the data as a table</summary>
        <div className="mt-2">
          <ListTable caption={title} columns={['Period', ...columns]} isCompact>
            {rows.map((row) => (
              <tr key={row.bucket}>
                <th scope="row" className="whitespace-nowrap px-3 py-1.5 text-left font-normal">{row.bucket}</th>
                {row.cells.map((cell, index) => (
                  <td key={columns[index] ?? index} className="px-3 py-1.5 tabular-nums">
                    {cell.href ? <Link href={cell.href} className={LINK}>{cell.text}</Link> : cell.text}
                  </td>
                ))}
              </tr>
            ))}
          </ListTable>
          {note ? <p className="mt-1 text-xs text-slate-600">{note}</p> : null}
        </div>
      </details>
    </figure>
  );
}
