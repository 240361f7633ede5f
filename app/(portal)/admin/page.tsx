import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/ui/page-header';
import { requireAdmin } from './admin-page';

export const metadata: Metadata = { title: 'Administration' };

const SECTIONS = [
  { href: '/admin/users', title: 'Users', description: 'Roles, Staff+, teams; disable someone to end their access at once.' },
  { href: '/admin/teams', title: 'Teams', description: 'Teams own services, changes and flags.' },
  { href: '/admin/services', title: 'Services', description: 'What changes touch, and which team owns each.' },
  { href: '/admin/environments', title: 'Environments', description: 'Where changes deploy, and where the gate enforces freezes and approvals.' },
  { href: '/admin/tokens', title: 'API tokens', description: 'Service tokens for pipelines; every personal and service token, with revocation.' },
];

export default async function AdminPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader title="Administration" description="Every change made here is recorded in the audit trail." />
      <ul className="grid gap-4 sm:grid-cols-2">
        {SECTIONS.map((section) => (
          <li key={section.href} className="rounded-lg border border-slate-200 bg-white p-4">
            <Link href={section.href} className="text-lg font-semibold text-indigo-700 underline-offset-2 hover:underline">{section.title}</Link>
            <p className="mt-1 text-sm text-slate-600">{section.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
