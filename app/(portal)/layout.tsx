import type { ReactNode } from 'react';
import Link from 'next/link';
import { headers } from 'next/headers';
import { redirect, unstable_rethrow } from 'next/navigation';
import { connection } from 'next/server';
import { requireUser } from '@/lib/auth/session-user';
import { env } from '@/lib/env';
import { canAdminister, canReadAuditTrail, ROLE_LABEL, type Actor } from '@/lib/policy/permissions';
import { freezeStatusForBanner } from '@/lib/server/calendar/freeze-status';
import { isDatabaseReachable } from '@/lib/server/database-health';
import { REQUEST_PATH_HEADER, unavailableUrl } from '@/lib/outage/unavailable-page';
import { DemoBanner } from '@/components/shell/demo-banner';
import { FreezeBanner } from '@/components/calendar/freeze-banner';
import { NavLinks, type NavItem } from '@/components/shell/nav-links';
import { UserMenu } from '@/components/shell/user-menu';
import { signOutAction } from './actions';

function navItems(user: Actor): NavItem[] {
  return [
    { href: '/changes', label: 'Changes' },
    { href: '/incidents', label: 'Incidents' },
    { href: '/calendar', label: 'Calendar' },
    { href: '/migrations', label: 'Migrations' },
    { href: '/config-changes', label: 'Config changes' },
    { href: '/flags', label: 'Flags' },
    { href: '/kpis', label: 'KPIs' },
    ...(canReadAuditTrail(user) ? [{ href: '/audit', label: 'Audit trail' }] : []),
    { href: '/exceptions', label: 'Exceptions' },
    { href: '/policy', label: 'Policy' },
    ...(canAdminister(user) ? [{ href: '/admin', label: 'Administration' }] : []),
  ];
}

export default async function PortalLayout({ children }: Readonly<{ children: ReactNode }>) {
  // Every portal page is per request (signed-in user, freeze status now): never prerender it at build time.
  await connection();
  // The banner's one read runs alongside the session check; it never throws (it shows "unavailable").
  const [user, freeze] = await Promise.all([requireUser(), freezeStatusForBanner(new Date())]).catch(async (error: unknown) => {
    unstable_rethrow(error); // the redirect to sign-in
    // A page cannot answer 503 itself, and its error boundary only renders once scripts run: an
    // outage sends the person to the page that says so. Any other failure stays an error.
    if (await isDatabaseReachable()) throw error;
    console.error('A page found the database unreachable:', error);
    redirect(unavailableUrl((await headers()).get(REQUEST_PATH_HEADER)));
  });
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
      <FreezeBanner status={freeze} />
      <main id="main" className="mx-auto max-w-7xl px-4 py-8">
        {children}
      </main>
    </>
  );
}
