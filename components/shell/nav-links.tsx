'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; label: string };

/** Primary navigation; the current area is marked for assistive technology, not by colour alone. */
export function NavLinks({ items }: Readonly<{ items: NavItem[] }>) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-wrap gap-1">
      {items.map((item) => {
        const isCurrent = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={isCurrent ? 'page' : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${isCurrent ? 'bg-slate-900 text-white underline decoration-2 underline-offset-4' : 'text-slate-700 hover:bg-slate-200'}`}
            >
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
