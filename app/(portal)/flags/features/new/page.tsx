import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { featureTeamOptions } from '@/lib/server/flags/features';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { FeatureForm } from '@/components/flags/feature-form';
import { createFeatureAction } from './actions';

export const metadata: Metadata = { title: 'New feature' };

export default async function NewFeaturePage() {
  const user = await requireUser();
  const teams = await featureTeamOptions(user);
  if (teams.length === 0) notFound();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/flags/features" className={LINK}>All features</Link></p>
      <PageHeader title="New feature" description="A user-facing capability. Link an ops flag to it in the flag inventory: that flag is its kill switch." />
      <FeatureForm action={createFeatureAction} teams={teams} initial={{ key: '', name: '', description: '', teamId: user.teamId ?? '' }} submitLabel="Record feature" />
    </>
  );
}
