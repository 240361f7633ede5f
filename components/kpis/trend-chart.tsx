'use client';

// A KPI's trend over the period's buckets. The table beside each chart carries the same numbers for
// readers who cannot see it; the chart adds the shape and the target line.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatDuration, formatRate } from '@/lib/policy/kpis';

/** Rates are fractions, counts whole numbers, lead times hours. */
export type TrendUnit = 'rate' | 'count' | 'hours';
export type TrendSeries = { key: string; name: string; colour: string; dash?: string };
/** One bucket: its axis label and each series' value there (null: nothing to show). */
export type TrendPoint = { tick: string; values: Readonly<Record<string, number | null>> };

type Props = {
  /** Names the chart for assistive technology. */
  title: string;
  /** Lines for rates and durations; bars (stacked when several) for counts. */
  kind: 'line' | 'bars';
  unit: TrendUnit;
  points: readonly TrendPoint[];
  series: readonly TrendSeries[];
  target?: { value: number; label: string };
};

const VALUE_TEXT: Record<TrendUnit, (value: number) => string> = {
  rate: formatRate,
  count: String,
  hours: (hours) => formatDuration(hours * 3600),
};

const AXIS_TEXT: Record<TrendUnit, (value: number) => string> = {
  rate: (rate) => `${Number((rate * 100).toFixed(1))} %`,
  count: String,
  hours: (hours) => `${Math.round(hours * 10) / 10} h`,
};

const HEIGHT = 240;
// Red-700: 3:1 or more against white, and dashed, so the target line is not told by colour alone.
const TARGET_COLOUR = '#b91c1c';

export function TrendChart({ title, kind, unit, points, series, target }: Readonly<Props>) {
  const data = points.map((point) => ({ tick: point.tick, ...point.values }));
  // Fixed height, width from the container: the server renders a provisional size, the browser measures.
  const chart = { data, title, responsive: true, style: { width: '100%', height: HEIGHT }, margin: { top: 16, right: 16, bottom: 0, left: 0 } };
  const decorations = [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="#cbd5e1" />,
    <XAxis key="x" dataKey="tick" tick={{ fontSize: 12, fill: '#334155' }} />,
    <YAxis key="y" allowDecimals={unit !== 'count'} tickFormatter={AXIS_TEXT[unit]} tick={{ fontSize: 12, fill: '#334155' }} width={56} />,
    <Tooltip key="tooltip" formatter={(value) => (typeof value === 'number' ? VALUE_TEXT[unit](value) : '—')} />,
    <Legend key="legend" wrapperStyle={{ fontSize: 12 }} />,
    target ? (
      <ReferenceLine key="target" y={target.value} stroke={TARGET_COLOUR} strokeDasharray="6 4" ifOverflow="extendDomain"
        label={{ value: target.label, position: 'insideTopRight', fill: TARGET_COLOUR, fontSize: 12 }} />
    ) : null,
  ];
  return kind === 'line' ? (
    <LineChart {...chart}>
      {decorations}
      {series.map((line) => (
        <Line key={line.key} dataKey={line.key} name={line.name} stroke={line.colour} strokeWidth={2} strokeDasharray={line.dash} dot={{ r: 3 }} isAnimationActive={false} />
      ))}
    </LineChart>
  ) : (
    <BarChart {...chart}>
      {decorations}
      {series.map((bar) => <Bar key={bar.key} dataKey={bar.key} name={bar.name} fill={bar.colour} stackId="total" isAnimationActive={false} />)}
    </BarChart>
  );
}
