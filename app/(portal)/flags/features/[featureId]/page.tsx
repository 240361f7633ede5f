import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { canManageFeature } from '@/lib/policy/flag-discipline';
import { DomainError } from '@/lib/server/errors';
import { featureTeamOptions, getFeature } from '@/lib/server/flags/features';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { FeatureForm } from '@/components/flags/feature-form';
import { updateFeatureAction } from './actions';

export const metadata: Metadata = { title: 'Edit feature' };

type Props = { params: Promise<{ featureId: string }> };

async function findFeature(featureId: string) {
  if (!z.uuid().safeParse(featureId).success) notFound();
  try {
    return await getFeature(featureId.toLowerCase());
  } catch (error) {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
}

export default async function EditFeaturePage({ params }: Readonly<Props>) {
  const user = await requireUser();
  const feature = await findFeature((await params).featureId);
  if (!canManageFeature(user, feature)) notFound();
  const teams = await featureTeamOptions(user);
  const { key, name, description, teamId } = feature;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/flags/features" className={LINK}>All features</Link></p>
      <PageHeader title={`Edit ${feature.name}`} />
      <FeatureForm action={updateFeatureAction} teams={teams} initial={{ key, name, description, teamId }} hidden={{ featureId: feature.id, expectedVersion: feature.version }} submitLabel="Save feature" />
    </>
  );
}
