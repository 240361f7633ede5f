import Link from 'next/link';
import { BUTTON_SECONDARY } from '@/components/ui/styles';

type Props = {
  /** Back to the first page, when this is a later one. */
  newestHref?: string;
  /** The page before this one, for lists that can step back. */
  newerHref?: string;
  /** The page after this one, when there are more rows. */
  olderHref?: string;
  /** How the rows are ordered, which names the links: newest first (the default), or by name. */
  order?: 'time' | 'name';
};

const LABELS = {
  time: { first: 'Newest', previous: 'Newer', next: 'Older' },
  name: { first: 'First page', previous: 'Previous page', next: 'Next page' },
} as const;

/** Count-free paging: each link carries the position of the row it continues from. */
export function Pager({ newestHref, newerHref, olderHref, order = 'time' }: Readonly<Props>) {
  const labels = LABELS[order];
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-2">
      {newestHref ? <Link href={newestHref} className={BUTTON_SECONDARY}>{labels.first}</Link> : null}
      {newerHref ? <Link href={newerHref} className={BUTTON_SECONDARY}>{labels.previous}</Link> : null}
      {olderHref ? <Link href={olderHref} className={BUTTON_SECONDARY}>{labels.next}</Link> : null}
    </nav>
  );
}

/**
 * A list's URL with its filters kept, in the order of `names`, and, for a later page, the
 * position it continues from (such as `['before', cursor]`).
 */
export function listHref<Name extends string>(path: string, names: readonly Name[], values: Partial<Record<Name, string>>, position?: readonly [string, string]): string {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = values[name];
    if (value) params.set(name, value);
  }
  if (position) params.set(position[0], position[1]);
  return `${path}?${params}`;
}
