import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth/session-user';
import { flagFormOptions } from '@/lib/server/flags/queries';
import { PageHeader } from '@/components/ui/page-header';
import { FlagForm } from '@/components/flags/flag-form';
import { flagFormChoices } from '../../flag-form-choices';
import { findFlag } from '../find-flag';
import { updateFlagAction } from './actions';

export const metadata: Metadata = { title: 'Edit flag' };

export default async function EditFlagPage({ params }: Readonly<{ params: Promise<{ flagId: string }> }>) {
  const user = await requireUser();
  const { flagId } = await params;
  const view = await findFlag(user, flagId, new Date());
  if (!view.canEdit) notFound();
  const { flag } = view;
  return (
    <>
      <PageHeader title={`Edit ${flag.key}`} description="Every change is recorded as a configuration change with its audit event. The expiry is set only by the monthly audit." />
      <FlagForm
        action={updateFlagAction}
        {...flagFormChoices(await flagFormOptions())}
        initial={{ key: flag.key, teamId: flag.teamId, type: flag.type, ownerId: flag.ownerId, purpose: flag.purpose, featureId: flag.featureId ?? '', rolloutPercent: String(flag.rolloutPercent) }}
        hidden={{ flagId: flag.id, expectedVersion: flag.version }}
        submitLabel="Save flag"
      />
    </>
  );
}
