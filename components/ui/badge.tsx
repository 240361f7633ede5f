import type { ReactNode } from 'react';

const TONES = {
  neutral: 'bg-slate-100 text-slate-800 ring-slate-300',
  info: 'bg-indigo-50 text-indigo-800 ring-indigo-200',
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  warn: 'bg-amber-50 text-amber-900 ring-amber-300',
  bad: 'bg-red-50 text-red-800 ring-red-200',
} as const;

export type BadgeTone = keyof typeof TONES;

/** A label whose words carry the meaning; the colour only repeats it. */
export function Badge({ tone = 'neutral', children }: Readonly<{ tone?: BadgeTone; children: ReactNode }>) {
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}>{children}</span>;
}
