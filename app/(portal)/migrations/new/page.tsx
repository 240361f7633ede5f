import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session-user';
import { changeReference } from '@/lib/policy/change-class';
import { migrationChangeRefusal } from '@/lib/policy/migration-plan';
import { canManageMigrationPlans } from '@/lib/policy/permissions';
import { DomainError } from '@/lib/server/errors';
import { getChange } from '@/lib/server/change-requests/get-change';
import { PageHeader } from '@/components/ui/page-header';
import { LINK } from '@/components/ui/styles';
import { MigrationPlanForm } from '@/components/migrations/migration-plan-form';
import { createMigrationPlanAction } from './actions';

export const metadata: Metadata = { title: 'New migration plan' };

type Props = { searchParams: Promise<{ changeId?: string | string[] }> };

export default async function NewMigrationPlanPage({ searchParams }: Readonly<Props>) {
  const user = await requireUser();
  const { changeId } = await searchParams;
  const id = z.uuid().safeParse(changeId);
  if (!id.success) notFound();
  const { change } = await getChange(user, id.data.toLowerCase(), new Date()).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'NOT_FOUND') notFound();
    throw error;
  });
  // Those who may not add a plan see no form (the action refuses them too, and records it).
  if (!canManageMigrationPlans(user, { authorId: change.authorId, coAuthorIds: change.coAuthors.map(({ user: coAuthor }) => coAuthor.id), teamId: change.teamId })) notFound();
  const refusal = migrationChangeRefusal(change.status);
  return (
    <>
      <PageHeader
        title={`New migration plan for ${changeReference(change.number)}`}
        description={<>{change.title}. Save it as soon as you know the type: the checklist on its page says what is still missing. <Link href={`/changes/${change.id}`} className={LINK}>Back to the change</Link></>}
      />
      {refusal ? <p className="text-sm text-slate-700">{refusal}</p> : <MigrationPlanForm action={createMigrationPlanAction} initial={{}} hidden={{ changeId: change.id }} submitLabel="Save plan" />}
    </>
  );
}
