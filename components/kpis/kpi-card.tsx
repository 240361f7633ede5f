import type { ReactNode } from 'react';
import Link from 'next/link';
import { KPI_DEFINITIONS, KPI_STATE_LABEL, type KpiId, type KpiState } from '@/lib/policy/kpis';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { LINK } from '@/components/ui/styles';

const STATE_TONE: Record<KpiState, BadgeTone> = { met: 'good', missed: 'bad', 'no-data': 'neutral' };
const STATE_EDGE: Record<KpiState, string> = { met: 'border-l-emerald-600', missed: 'border-l-red-600', 'no-data': 'border-l-slate-300' };

/** A figure of a card: a count that opens its records, or a text. */
export type KpiFact = { term: string } & ({ count: number; href: string } | { text: ReactNode });

type Props = {
  kpi: KpiId;
  state: KpiState;
  /** The headline figure (a `KpiValue`). */
  value: ReactNode;
  facts: readonly KpiFact[];
  /** The trend beside the figures. */
  children: ReactNode;
};

/** The headline figure, linked to the records it counts; a dash, in words for screen readers, when there is none. */
export function KpiValue({ text, href, kpi }: Readonly<{ text: string | null; href: string; kpi: KpiId }>) {
  if (text === null) return <><span aria-hidden="true">—</span><span className="sr-only">No value</span></>;
  return <Link href={href} className={LINK} aria-describedby={`${kpi}-title`}>{text}</Link>;
}

/**
 * One KPI: its figure against the target, met or missed in words (the colour only repeats them), the
 * controls it reads, how it is counted, and its trend.
 */
export function KpiCard({ kpi, state, value, facts, children }: Readonly<Props>) {
  const { title, target, controls, formula, filterNote } = KPI_DEFINITIONS[kpi];
  return (
    <section id={kpi} aria-labelledby={`${kpi}-title`} className={`rounded-lg border border-l-4 border-slate-200 bg-white p-4 shadow-sm ${STATE_EDGE[state]}`}>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div>
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id={`${kpi}-title`} className="text-lg font-semibold">{title}</h2>
            <Badge tone={STATE_TONE[state]}>{KPI_STATE_LABEL[state]}</Badge>
          </div>
          <p id={`${kpi}-value`} className="mt-2 text-3xl font-semibold tabular-nums">{value}</p>
          <p className="mt-1 text-sm text-slate-700">Target: {target}</p>
          <dl className="mt-3 divide-y divide-slate-100 text-sm">
            {facts.map((fact, index) => (
              <div key={fact.term} className="flex justify-between gap-4 py-1">
                <dt id={`${kpi}-fact-${index}`} className="text-slate-700">{fact.term}</dt>
                <dd className="text-right font-medium tabular-nums">
                  {/* Described by its term, so a list of links still says what each number counts. */}
                  {'href' in fact ? <Link href={fact.href} className={LINK} aria-describedby={`${kpi}-fact-${index}`}>{fact.count}</Link> : fact.text}
                </dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-slate-600">Controls: {controls.join(', ')}</p>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer font-medium text-indigo-700">How it is counted</summary>
            <p className="mt-1 text-slate-700">{formula}</p>
            {filterNote ? <p className="mt-1 text-slate-700">{filterNote}</p> : null}
          </details>
        </div>
        {children}
      </div>
    </section>
  );
}
