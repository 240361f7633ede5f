import Link from 'next/link';
import { BUTTON_SECONDARY } from '@/components/ui/styles';

type Props = {
  /** Back to the first page, when this is a later one. */
  newestHref?: string;
  /** The page before this one, for lists that can step back. */
  newerHref?: string;
  /** The page after this one, when there are more rows. */
  olderHref?: string;
};

/** Count-free paging: each link carries the position of the row it continues from. */
export function Pager({ newestHref, newerHref, olderHref }: Readonly<Props>) {
  return (
    <nav aria-label="Pages" className="mt-4 flex gap-2">
      {newestHref ? <Link href={newestHref} className={BUTTON_SECONDARY}>Newest</Link> : null}
      {newerHref ? <Link href={newerHref} className={BUTTON_SECONDARY}>Newer</Link> : null}
      {olderHref ? <Link href={olderHref} className={BUTTON_SECONDARY}>Older</Link> : null}
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
