import type { ReactNode } from 'react';
import Link from 'next/link';
import { requireUser } from '@/lib/auth/session-user';
import { env } from '@/lib/env';
import { canAdminister, canReadAuditTrail, ROLE_LABEL, type Actor } from '@/lib/policy/permissions';
import { DemoBanner } from '@/components/shell/demo-banner';
import { NavLinks, type NavItem } from '@/components/shell/nav-links';
import { UserMenu } from '@/components/shell/user-menu';
import { signOutAction } from './actions';

function navItems(user: Actor): NavItem[] {
  return [
    { href: '/changes', label: 'Changes' },
    ...(canReadAuditTrail(user) ? [{ href: '/audit', label: 'Audit trail' }] : []),
    { href: '/policy', label: 'Policy' },
    ...(canAdminister(user) ? [{ href: '/admin', label: 'Administration' }] : []),
  ];
}

export default async function PortalLayout({ children }: Readonly<{ children: ReactNode }>) {
  const user = await requireUser();
  return (
    <>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      {env().CHANGEBOARD_DEMO_SIGN_IN ? <DemoBanner /> : null}
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-2">
          <div className="flex flex-wrap items-center gap-4">
            <Link href="/changes" className="text-lg font-semibold tracking-tight">
              Changeboard
            </Link>
            <nav aria-label="Main">
              <NavLinks items={navItems(user)} />
            </nav>
          </div>
          <UserMenu name={user.name ?? user.email} roleLabel={user.isStaffPlus ? `${ROLE_LABEL[user.role]}, Staff+` : ROLE_LABEL[user.role]} signOutAction={signOutAction} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
