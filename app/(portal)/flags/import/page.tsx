import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { canImportFlags } from '@/lib/policy/permissions';
import { db } from '@/lib/server/db';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { FlagImportForm } from '@/components/flags-import/flag-import-form';
import { applyFlagImportChunkAction, previewFlagImportChunkAction } from './actions';

export const metadata: Metadata = { title: 'Import flags' };

export default async function ImportFlagsPage() {
  const user = await requireUser();
  if (!canImportFlags(user) || user.teamId === null) notFound();
  const team = await db.team.findUniqueOrThrow({ where: { id: user.teamId }, select: { slug: true, name: true } });
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/flags" className={LINK}>All flags</Link></p>
      <PageHeader
        title="Import flags"
        description={`Upload a Changeboard JSON or CSV file, or an export of Unleash or LaunchDarkly, and check the preview before anything is saved. You import flags of your team (${team.name}). Each flag is written whole or not at all and recorded as a configuration change; importing the same file again changes nothing.`}
      />
      <FlagImportForm previewAction={previewFlagImportChunkAction} applyAction={applyFlagImportChunkAction} team={team} userEmail={user.email} />
    </>
  );
}
